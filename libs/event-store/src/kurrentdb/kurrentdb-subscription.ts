import type { AllStreamResolvedEvent, ReadPosition } from '@kurrent/kurrentdb-client';
import { RecordedEvent } from '../envelope';
import { SubscribeToAllOptions, Subscription } from '../event-store.port';
import { AppendSignal } from '../polling-subscription';
import { isUnavailable } from './kurrentdb-errors';
import { isAfter, readPositionAfter } from './kurrentdb-positions';

/** A handler's own failure: it stops the subscription whatever it is, and is never retried here. */
class HandlerFailed {
  constructor(readonly failure: unknown) {}
}

/** Opens one server subscription to $all (system events excluded) starting at `from`. */
export type OpenAllSubscription = (from: ReadPosition) => {
  events: AsyncIterable<AllStreamResolvedEvent>;
  close(): Promise<void>;
};

export interface ResubscribeTiming {
  /** First wait before subscribing again after a drop; doubles up to `maxRetryMs`. */
  retryMs: number;
  maxRetryMs: number;
}

export const DEFAULT_RESUBSCRIBE: ResubscribeTiming = { retryMs: 200, maxRetryMs: 5_000 };

/** The wait before attempt `attempt` (0-based) to subscribe again. */
export function resubscribeDelay(attempt: number, timing: ResubscribeTiming): number {
  return Math.min(timing.maxRetryMs, timing.retryMs * 2 ** Math.min(attempt, 20));
}

/**
 * A catch-up subscription to $all that survives drops. It remembers the position of the last
 * event its handler finished; when the server connection drops (KurrentDB restarted, a leader
 * change, the network) it subscribes again from that checkpoint and drops any event at or before
 * it, so nothing is lost and nothing is delivered twice. A handler's failure, or a failure that is
 * not the server's absence, stops it and reaches `onError`, as on the other adapters.
 */
export function resubscribingSubscription(
  open: OpenAllSubscription,
  convert: (resolved: AllStreamResolvedEvent) => RecordedEvent,
  options: SubscribeToAllOptions,
  timing: ResubscribeTiming = DEFAULT_RESUBSCRIBE,
): Subscription {
  let checkpoint = options.after ?? 0;
  let stopped = false;
  let current: ReturnType<OpenAllSubscription> | undefined;
  let pause: ReturnType<AppendSignal['next']> | undefined;
  const progress = new AppendSignal();
  const retry = new AppendSignal();

  const loop = (async () => {
    let attempt = 0;
    while (!stopped) {
      current = open(readPositionAfter(checkpoint));
      try {
        for await (const resolved of current.events) {
          if (stopped) break;
          const event = convert(resolved);
          if (!isAfter(event.position, checkpoint)) continue;
          try {
            await options.onEvent(event);
          } catch (failure) {
            throw new HandlerFailed(failure);
          }
          checkpoint = event.position;
          attempt = 0;
          progress.notify();
        }
      } catch (error) {
        if (error instanceof HandlerFailed) throw error.failure;
        if (stopped) break;
        if (!isUnavailable(error)) throw error;
      }
      if (stopped) break;
      // Dropped (an error of the server's absence, or the server ended it): subscribe again from
      // the checkpoint after a growing pause.
      await current.close().catch(() => undefined);
      pause = retry.next(resubscribeDelay(attempt++, timing));
      await pause.promise;
      pause = undefined;
    }
  })()
    .catch(async (error: unknown) => {
      stopped = true;
      await current?.close().catch(() => undefined);
      options.onError?.(error);
    })
    .finally(() => {
      progress.notify();
    });

  return {
    async stop() {
      stopped = true;
      pause?.cancel();
      await current?.close().catch(() => undefined);
      await loop;
    },
    async waitFor(position: number, timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      while (checkpoint < position) {
        const left = deadline - Date.now();
        if (stopped || left <= 0) return false;
        await progress.next(left).promise;
      }
      return true;
    },
  };
}
