import { EventStore } from '@casetrail/event-store';
import { chainHeadOf, commandEventId, CommandProvenance, commandMetadata, eventHash } from '@casetrail/workflow';
import { SubjectNotFoundError } from './privacy.errors';
import { decideErasure, evolveSubject, SUBJECT_ERASED, SubjectErasedData } from './subject-erasure.decider';
import { SubjectKeyStore } from './subject-key-store.port';

export const SUBJECT_STREAM_PREFIX = 'subject-';
export const subjectStreamId = (subjectId: string): string => `${SUBJECT_STREAM_PREFIX}${subjectId}`;

export interface EraseSubjectRequest extends CommandProvenance {
  subjectId: string;
  reason: string;
}

export interface ErasureOutcome {
  erasure: SubjectErasedData;
  streamId: string;
  revision: number;
  position: number;
  /** A retry of an erasure already recorded: nothing new was written. */
  duplicate: boolean;
}

/**
 * EraseSubject: record SubjectErased in the subject's stream (read, decide, append conditioned on
 * the revision read, sealed into the hash chain like every command), then destroy the key.
 * Recording first makes the destruction reliable: a crash between the two leaves a SubjectErased
 * whose key still exists, which `completePendingErasures` finishes on the next start. A retry
 * (same command id) returns the first outcome and makes sure the key is gone.
 */
export async function eraseSubject(store: EventStore, keys: SubjectKeyStore, request: EraseSubjectRequest): Promise<ErasureOutcome> {
  const subject = await keys.subject(request.subjectId);
  if (!subject) throw new SubjectNotFoundError(request.subjectId);
  const streamId = subjectStreamId(request.subjectId);
  const recorded = await store.readStream(streamId);
  const earlier = recorded.find((event) => event.metadata.commandId === request.commandId);
  if (earlier) {
    await keys.destroy(request.subjectId, request.occurredAt);
    return { erasure: earlier.data as SubjectErasedData, streamId, revision: earlier.revision, position: earlier.position, duplicate: true };
  }
  const state = recorded.reduce(evolveSubject, {});
  const erasure = decideErasure({ subjectId: subject.subjectId, caseId: subject.caseId, slot: subject.slot, reason: request.reason }, state, request.occurredAt);
  const last = recorded.at(-1);
  const revision = last ? last.revision + 1 : 0;
  const previousHash = chainHeadOf(last);
  const unsealed = { eventId: commandEventId(request.commandId, 0), type: SUBJECT_ERASED, schemaVersion: 1, data: erasure };
  const metadata = commandMetadata(request);
  const hash = eventHash(previousHash, { ...unsealed, streamId, revision, metadata });
  const result = await store.append(streamId, [{ ...unsealed, metadata: { ...metadata, previousHash, hash } }], last ? last.revision : 'no_stream');
  await keys.destroy(request.subjectId, request.occurredAt);
  return { erasure, streamId, revision: result.nextExpectedRevision, position: result.lastPosition, duplicate: result.duplicate };
}
