import { jsonEvent } from '@kurrent/kurrentdb-client';
import type { EventData, JSONType, ResolvedEvent, AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import { EventMetadata, RecordedEvent } from '../envelope';
import { InvalidEventStoreInputError } from '../errors';
import { SerialisedEvent } from '../validation';
import { toGlobalPosition, toRevision } from './kurrentdb-positions';

/**
 * Keys Casetrail adds to an event's metadata in KurrentDB and takes out again on reading.
 * `$correlationId` and `$causationId` are the names KurrentDB's own projections ($by_correlation_id)
 * read; `$schemaVersion` holds the envelope's schema version, which KurrentDB has no field for.
 */
const RESERVED = ['$correlationId', '$causationId', '$schemaVersion'] as const;

/** The stored form of one validated event: JSON data, JSON metadata with the reserved keys added. */
export function toEventData(serialised: SerialisedEvent, index: number): EventData {
  const { event } = serialised;
  const metadata = JSON.parse(serialised.metadata) as Record<string, unknown>;
  for (const key of Object.keys(metadata)) {
    if (key.startsWith('$')) {
      throw new InvalidEventStoreInputError('INVALID_EVENT', `events[${index}].metadata.${key}`, "keys starting with '$' are reserved for the store");
    }
  }
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata: {
      ...metadata,
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
      $schemaVersion: event.schemaVersion,
    },
  });
}

/**
 * The port's RecordedEvent for what a read or subscription returned. Links (resolveLinkTos is
 * never set) and anything Casetrail did not write are refused with a message that says which.
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('KurrentDB returned a link without its event; Casetrail streams hold no links');
  if (!event.isJson || typeof event.metadata !== 'object' || event.metadata === null || event.metadata instanceof Uint8Array) {
    throw new Error(`Event ${event.id} in ${event.streamId} was not written by Casetrail (no JSON metadata)`);
  }
  const stored = event.metadata as Record<string, unknown>;
  const schemaVersion = stored.$schemaVersion;
  if (typeof schemaVersion !== 'number') {
    throw new Error(`Event ${event.id} in ${event.streamId} was not written by Casetrail (no $schemaVersion)`);
  }
  const metadata: Record<string, unknown> = { ...stored };
  for (const key of RESERVED) delete metadata[key];
  return {
    eventId: event.id,
    streamId: event.streamId,
    type: event.type,
    schemaVersion,
    data: event.data,
    metadata: metadata as EventMetadata,
    revision: toRevision(event.revision),
    position: toGlobalPosition(event.position),
  };
}
