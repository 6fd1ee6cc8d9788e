import { RecordedEvent } from '@casetrail/event-store';
import { GENESIS_HASH } from '@casetrail/workflow';
import { recomputedHash, sealOf } from './stream-chain';

/** One link of a stream's chain as an audit pack shows it, for anyone to recompute. */
export interface ChainLink {
  revision: number;
  eventId: string;
  /** As recorded in the event's metadata; null when it carries none. */
  previousHash: string | null;
  hash: string | null;
  /** SHA-256 of the previous event's recorded hash (or the genesis value) and this event's canonical content. */
  recomputedHash: string;
  /** The recorded previous hash is the previous event's hash, and the recorded hash is the recomputed one. */
  linked: boolean;
}

/** Every link of a stream (events as stored, in revision order). */
export function chainLinks(stored: readonly RecordedEvent[]): ChainLink[] {
  let previous = GENESIS_HASH;
  return [...stored]
    .sort((a, b) => a.revision - b.revision)
    .map((event) => {
      const seal = sealOf(event);
      const recomputed = recomputedHash(event, previous);
      const link = {
        revision: event.revision,
        eventId: event.eventId,
        previousHash: seal?.previousHash ?? null,
        hash: seal?.hash ?? null,
        recomputedHash: recomputed,
        linked: seal !== undefined && seal.previousHash === previous && seal.hash === recomputed,
      };
      previous = seal?.hash ?? recomputed;
      return link;
    });
}
