import { RecordedEvent } from '@casetrail/event-store';
import { eventHash, GENESIS_HASH } from '@casetrail/workflow';
import { ChainBreak, StreamVerification } from './chain-break';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface Seal {
  hash: string;
  previousHash: string;
}

/** The event's seal, when its metadata carries a well-formed one. */
export function sealOf(event: RecordedEvent): Seal | undefined {
  const { hash, previousHash } = event.metadata;
  return typeof hash === 'string' && typeof previousHash === 'string' && SHA256_HEX.test(hash) && SHA256_HEX.test(previousHash)
    ? { hash, previousHash }
    : undefined;
}

/** The hash of the event as stored now, were it at `revision` after `previousHash`. */
export function recomputedHash(event: RecordedEvent, previousHash: string, revision = event.revision): string {
  return eventHash(previousHash, revision === event.revision ? event : { ...event, revision });
}

/** Whether the event is sealed, follows `previous`, and still hashes to its seal. */
export function linksTo(event: RecordedEvent, previous: string): boolean {
  const seal = sealOf(event);
  return seal !== undefined && seal.previousHash === previous && recomputedHash(event, previous) === seal.hash;
}

/**
 * Walks one stream's events (as stored, not upcast) in revision order and reports the first
 * broken link and what kind of break it is.
 */
export function verifyStreamChain(streamId: string, stored: readonly RecordedEvent[]): StreamVerification {
  const events = [...stored].sort((a, b) => a.revision - b.revision);
  const result = (firstBreak: ChainBreak | null): StreamVerification => ({
    streamId,
    events: events.length,
    headHash: events.length > 0 ? (sealOf(events.at(-1)!)?.hash ?? null) : null,
    intact: firstBreak === null,
    firstBreak,
  });
  let previous = GENESIS_HASH;
  for (let i = 0; i < events.length; i += 1) {
    const event = events[i]!;
    const expectedRevision = i === 0 ? 0 : events[i - 1]!.revision + 1;
    if (event.revision > expectedRevision) {
      const missing = event.revision - expectedRevision;
      return result({
        kind: 'deleted',
        revision: expectedRevision,
        eventId: null,
        position: null,
        detail: `${missing === 1 ? `revision ${expectedRevision} is` : `revisions ${expectedRevision} to ${event.revision - 1} are`} missing`,
      });
    }
    if (!sealOf(event)) {
      return result(at(event, 'unsealed', 'carries no hash: written before the chain existed, or its seal was removed'));
    }
    if (linksTo(event, previous)) {
      previous = sealOf(event)!.hash;
      continue;
    }
    return result(classifyBreak(events, i, previous));
  }
  return result(null);
}

/** Tells the kind of break at `events[i]`, the first event that does not link to `previous`. */
function classifyBreak(events: readonly RecordedEvent[], i: number, previous: string): ChainBreak {
  const event = events[i]!;
  const seal = sealOf(event)!;
  const indexOfHash = new Map<string, number>();
  events.forEach((e, j) => {
    const hash = sealOf(e)?.hash;
    if (hash !== undefined && !indexOfHash.has(hash)) indexOfHash.set(hash, j);
  });
  const sealedAt = revisionSealedAt(event, seal, events.length);

  if (sealedAt === undefined) {
    const twin = indexOfHash.get(seal.hash);
    if (twin !== undefined && twin !== i) {
      return at(event, 'inserted', `carries the seal of revision ${events[twin]!.revision}: a copy, not an event of the chain`);
    }
    const next = events[i + 1];
    if (next && sealOf(next)?.previousHash === previous) {
      return at(event, 'inserted', `the next event was sealed straight after revision ${event.revision - 1}: this one was not in the chain`);
    }
    return at(event, 'modified', 'its content no longer matches the hash it was sealed with');
  }

  const predecessor = seal.previousHash === GENESIS_HASH ? -1 : indexOfHash.get(seal.previousHash);
  const renumbered = sealedAt !== event.revision;
  const sealedAs = renumbered ? `sealed as revision ${sealedAt}, now at revision ${event.revision}` : `sealed at revision ${event.revision}`;

  if (predecessor === undefined) {
    if (renumbered) {
      return { ...at(event, 'deleted', `${sealedAs}, after an event the stream no longer holds`), eventId: null, position: null };
    }
    if (i > 0 && i < events.length - 1) {
      const changed = events[i - 1]!;
      return at(changed, 'modified', `re-sealed after a change: the next event was sealed after a different hash for it`);
    }
    return at(event, 'inserted', `${sealedAs}, after an event the stream does not hold`);
  }
  if (predecessor > i) {
    return at(event, 'reordered', `${sealedAs}, after revision ${events[predecessor]!.revision}, which now comes later`);
  }
  if (predecessor < i - 1) {
    const intruder = events[predecessor + 1]!;
    return at(intruder, 'inserted', `revision ${events[i]!.revision} was sealed straight after ${predecessor < 0 ? 'the start of the stream' : `revision ${events[predecessor]!.revision}`}: this event was put between them`);
  }
  // Follows the right event but was sealed at another revision: the stream was renumbered.
  return at(event, 'reordered', sealedAs);
}

/** The revision at which the event's content (as stored) was sealed, trying its own first. */
function revisionSealedAt(event: RecordedEvent, seal: Seal, streamLength: number): number | undefined {
  if (recomputedHash(event, seal.previousHash) === seal.hash) return event.revision;
  const highest = Math.max(event.revision, streamLength) + streamLength;
  for (let revision = 0; revision <= highest; revision += 1) {
    if (revision !== event.revision && recomputedHash(event, seal.previousHash, revision) === seal.hash) return revision;
  }
  return undefined;
}

function at(event: RecordedEvent, kind: ChainBreak['kind'], detail: string): ChainBreak {
  return { kind, revision: event.revision, eventId: event.eventId, position: event.position, detail };
}
