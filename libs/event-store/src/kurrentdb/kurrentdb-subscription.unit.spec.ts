import { START, UnavailableError } from '@kurrent/kurrentdb-client';
import type { AllStreamResolvedEvent, ReadPosition } from '@kurrent/kurrentdb-client';
import { RecordedEvent } from '../envelope';
import { OpenAllSubscription, resubscribeDelay, resubscribingSubscription } from './kurrentdb-subscription';

/**
 * The resume logic on its own, over a list of log positions: each `open(from)` yields the entries
 * at or after `from` (KurrentDB reads inclusively) and can be told to drop after some of them.
 * Not a server: no protocol, no storage, only the positions the subscription must get right.
 */
function scriptedLog(positions: number[], dropsAfter: number[]) {
  const opened: ReadPosition[] = [];
  const closed = { count: 0 };
  const open: OpenAllSubscription = (from) => {
    opened.push(from);
    const drop = dropsAfter.shift();
    const start = from === START ? 0 : positions.findIndex((p) => BigInt(p) >= (from as { commit: bigint }).commit);
    let release!: () => void;
    const ended = new Promise<void>((resolve) => (release = resolve));
    async function* events(): AsyncGenerator<AllStreamResolvedEvent> {
      let sent = 0;
      for (const position of positions.slice(start < 0 ? positions.length : start)) {
        if (drop !== undefined && sent === drop) throw new UnavailableError();
        sent += 1;
        yield { commitPosition: BigInt(position), event: { position: { commit: BigInt(position), prepare: BigInt(position) } } } as AllStreamResolvedEvent;
      }
      if (drop !== undefined) throw new UnavailableError();
      await ended; // live: nothing more arrives until the subscription is closed
    }
    return {
      events: events(),
      close: async () => {
        closed.count += 1;
        release();
      },
    };
  };
  return { open, opened, closed };
}

const convert = (resolved: AllStreamResolvedEvent) => ({ position: Number(resolved.commitPosition) }) as RecordedEvent;
const fast = { retryMs: 1, maxRetryMs: 4 };

describe('KurrentDB subscription: resuming from the checkpoint after a drop', () => {
  it('delivers every event once, in order, across drops, resubscribing from the last delivered position', async () => {
    const log = [100, 250, 400, 555, 700, 820, 999];
    const { open, opened } = scriptedLog(log, [2, 0, 3]);
    const seen: number[] = [];
    const subscription = resubscribingSubscription(open, convert, { after: 0, onEvent: (e) => void seen.push(e.position) }, fast);
    expect(await subscription.waitFor(999, 5_000)).toBe(true);
    await subscription.stop();
    expect(seen).toEqual(log);
    // Each reopening starts at the last delivered event, which comes back first and is dropped.
    expect(opened).toEqual([START, { commit: 250n, prepare: 250n }, { commit: 250n, prepare: 250n }, { commit: 555n, prepare: 555n }]);
  });

  it('starts strictly after the checkpoint it is given', async () => {
    const { open } = scriptedLog([100, 250, 400], []);
    const seen: number[] = [];
    const subscription = resubscribingSubscription(open, convert, { after: 250, onEvent: (e) => void seen.push(e.position) }, fast);
    expect(await subscription.waitFor(400, 5_000)).toBe(true);
    await subscription.stop();
    expect(seen).toEqual([400]);
  });

  it('stops on a handler failure without retrying it, and reports it', async () => {
    const { open, opened, closed } = scriptedLog([100, 250, 400], []);
    const seen: number[] = [];
    const failure = await new Promise<unknown>((resolve) => {
      resubscribingSubscription(
        open,
        convert,
        {
          onEvent: (e) => {
            seen.push(e.position);
            if (e.position === 250) throw new UnavailableError(); // even an "unavailable" from the handler is final
          },
          onError: resolve,
        },
        fast,
      );
    });
    expect(failure).toBeInstanceOf(UnavailableError);
    expect(seen).toEqual([100, 250]);
    expect(opened).toHaveLength(1);
    expect(closed.count).toBe(1); // the server subscription is released, not left running
  });

  it('stops on a failure that is not the server’s absence (e.g. an event it cannot map)', async () => {
    const { open } = scriptedLog([100], []);
    const failure = await new Promise<unknown>((resolve) => {
      resubscribingSubscription(open, () => { throw new Error('unmappable'); }, { onEvent: () => undefined, onError: resolve }, fast);
    });
    expect(failure).toMatchObject({ message: 'unmappable' });
  });

  it('waits longer after each failed attempt, up to a ceiling', () => {
    const timing = { retryMs: 200, maxRetryMs: 5_000 };
    expect([0, 1, 2, 3, 4, 5, 50].map((attempt) => resubscribeDelay(attempt, timing))).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
  });
});
