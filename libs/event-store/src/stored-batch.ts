import { AppendResult } from './event-store.port';
import { EventIdConflictError } from './errors';

/** A stored event found by id while checking whether an append is a retry. */
export interface StoredEventRef {
  eventId: string;
  streamId: string;
  revision: number;
  position: number;
}

/**
 * Decides what an append whose ids are partly or wholly stored means. `undefined`: none stored,
 * go on. An AppendResult: the exact batch is stored on this stream already (a retry). Anything
 * else is a conflict and throws.
 */
export function resolveRetriedBatch(
  streamId: string,
  eventIds: string[],
  found: StoredEventRef[],
): AppendResult | undefined {
  if (found.length === 0) return undefined;
  const byId = new Map(found.map((ref) => [ref.eventId, ref]));
  const refs = eventIds.map((id) => byId.get(id));
  const first = refs[0];
  const sameBatch =
    first !== undefined &&
    refs.every(
      (ref, i) => ref !== undefined && ref.streamId === streamId && ref.revision === first.revision + i,
    );
  if (!sameBatch) throw new EventIdConflictError(streamId, found.map((ref) => ref.eventId));
  const positions = refs.map((ref) => ref!.position);
  return {
    streamId,
    nextExpectedRevision: refs[refs.length - 1]!.revision,
    positions,
    lastPosition: positions[positions.length - 1]!,
    duplicate: true,
  };
}
