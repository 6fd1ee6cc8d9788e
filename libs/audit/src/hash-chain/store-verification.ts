import { EventStore } from '@casetrail/event-store';
import { GENESIS_HASH } from '@casetrail/workflow';
import { StreamVerification } from './chain-break';
import { recomputedHash, sealOf, verifyStreamChain } from './stream-chain';

export interface StoreVerification {
  streams: StreamVerification[];
  events: number;
  /** Streams with a broken link. */
  broken: StreamVerification[];
}

export interface VerifyOptions {
  /** Verify this stream only. */
  streamId?: string;
  /** Events read per batch from the store. Default 2000. */
  batchSize?: number;
}

interface Walk {
  previous: string;
  nextRevision: number;
  events: number;
  suspect: boolean;
}

/**
 * Recomputes every stream's chain. One pass over all events in commit order keeps only each
 * stream's last hash; a stream whose chain does not follow on is read again whole, in revision
 * order, to find and name its first break.
 */
export async function verifyStore(store: EventStore, options: VerifyOptions = {}): Promise<StoreVerification> {
  if (options.streamId !== undefined) {
    const result = verifyStreamChain(options.streamId, await store.readStream(options.streamId));
    return { streams: [result], events: result.events, broken: result.intact ? [] : [result] };
  }
  const walks = new Map<string, Walk>();
  let events = 0;
  for (let after = 0; ; ) {
    const batch = await store.readAll({ after, maxCount: options.batchSize ?? 2000 });
    if (batch.length === 0) break;
    for (const event of batch) {
      events += 1;
      let walk = walks.get(event.streamId);
      if (!walk) {
        walk = { previous: GENESIS_HASH, nextRevision: 0, events: 0, suspect: false };
        walks.set(event.streamId, walk);
      }
      walk.events += 1;
      if (walk.suspect) continue;
      const seal = sealOf(event);
      if (event.revision === walk.nextRevision && seal !== undefined && seal.previousHash === walk.previous && recomputedHash(event, walk.previous) === seal.hash) {
        walk.previous = seal.hash;
        walk.nextRevision += 1;
      } else {
        walk.suspect = true;
      }
    }
    after = batch.at(-1)!.position;
  }
  const streams: StreamVerification[] = [];
  for (const [streamId, walk] of walks) {
    streams.push(
      walk.suspect
        ? verifyStreamChain(streamId, await store.readStream(streamId))
        : { streamId, events: walk.events, headHash: walk.previous, intact: true, firstBreak: null },
    );
  }
  return { streams, events, broken: streams.filter((s) => !s.intact) };
}
