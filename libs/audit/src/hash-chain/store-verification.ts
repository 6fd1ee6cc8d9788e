import { EventStore } from '@casetrail/event-store';
import { GENESIS_HASH } from '@casetrail/workflow';
import { StreamVerification } from './chain-break';
import { recomputedHash, sealOf, verifyStreamChain } from './stream-chain';

export interface StoreVerification {
  /** Streams verified. */
  streamCount: number;
  events: number;
  /** Streams with a broken link. */
  broken: StreamVerification[];
}

export interface VerifyOptions {
  /** Verify this stream only. */
  streamId?: string;
  /** Events read per batch from the store. Default 2000. */
  batchSize?: number;
  /**
   * Called with every stream's verification, intact or broken, once the pass has concluded it.
   * Intact streams are not kept (a national store holds hundreds of thousands of them), so a
   * caller that wants each one, such as `verify --stream`, takes them here.
   */
  onStream?: (stream: StreamVerification) => void;
}

/** A stream's chain so far: the hash its next event must name. `null` once a link failed to follow on. */
interface Walk {
  previous: string | null;
  events: number;
}

/**
 * Recomputes every stream's chain. One pass over all events in commit order keeps only each
 * stream's last hash and event count (memory grows with the number of streams, not of events);
 * a stream whose chain does not follow on is read again whole, in revision order, to find and
 * name its first break.
 */
export async function verifyStore(store: EventStore, options: VerifyOptions = {}): Promise<StoreVerification> {
  const report = options.onStream ?? (() => undefined);
  if (options.streamId !== undefined) {
    const result = verifyStreamChain(options.streamId, await store.readStream(options.streamId));
    report(result);
    return { streamCount: 1, events: result.events, broken: result.intact ? [] : [result] };
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
        walk = { previous: GENESIS_HASH, events: 0 };
        walks.set(event.streamId, walk);
      }
      const expectedRevision = walk.events;
      walk.events += 1;
      if (walk.previous === null) continue;
      const seal = sealOf(event);
      const followsOn =
        event.revision === expectedRevision && seal !== undefined && seal.previousHash === walk.previous && recomputedHash(event, walk.previous) === seal.hash;
      walk.previous = followsOn ? seal.hash : null;
    }
    after = batch.at(-1)!.position;
  }
  const broken: StreamVerification[] = [];
  for (const [streamId, walk] of walks) {
    const result: StreamVerification =
      walk.previous === null
        ? verifyStreamChain(streamId, await store.readStream(streamId))
        : { streamId, events: walk.events, headHash: walk.previous, intact: true, firstBreak: null };
    if (!result.intact) broken.push(result);
    report(result);
  }
  return { streamCount: walks.size, events, broken };
}
