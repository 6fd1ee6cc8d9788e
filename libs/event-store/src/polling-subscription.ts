import { RecordedEvent } from './envelope';
import { SubscribeToAllOptions, Subscription } from './event-store.port';

/** Something that says "new events may be there": an in-process append, a PostgreSQL NOTIFY. */
export class AppendSignal {
  private waiters = new Set<() => void>();

  notify(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    waiters.forEach((wake) => wake());
  }

  /** Resolves on the next notify, or after `timeoutMs`, whichever comes first. */
  next(timeoutMs: number): { promise: Promise<void>; cancel: () => void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => (wake = resolve));
    const timer = setTimeout(wake, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      this.waiters.delete(done);
      wake();
    };
    this.waiters.add(done);
    return { promise, cancel: done };
  }
}

export interface PollingSource {
  readAll(after: number, maxCount: number): Promise<RecordedEvent[]>;
  signal: AppendSignal;
  /** How often to look again with no signal, for writers in other processes. */
  pollIntervalMs: number;
}

/**
 * Catch-up then live in one loop over positions: it always asks for "after the last delivered
 * position", so the switch from catch-up to live can neither skip nor repeat an event.
 */
export function pollingSubscription(source: PollingSource, options: SubscribeToAllOptions): Subscription {
  const batchSize = options.batchSize ?? 500;
  let checkpoint = options.after ?? 0;
  let stopped = false;
  let pendingWait: { cancel: () => void } | undefined;
  const progress = new AppendSignal();

  const loop = (async () => {
    while (!stopped) {
      const batch = await source.readAll(checkpoint, batchSize);
      for (const event of batch) {
        if (stopped) return;
        await options.onEvent(event);
        checkpoint = event.position;
      }
      if (batch.length > 0) progress.notify();
      if (batch.length < batchSize && !stopped) {
        const wait = source.signal.next(source.pollIntervalMs);
        pendingWait = wait;
        await wait.promise;
        pendingWait = undefined;
      }
    }
  })().catch((error: unknown) => {
    stopped = true;
    progress.notify();
    if (options.onError) options.onError(error);
  });

  return {
    async stop() {
      stopped = true;
      pendingWait?.cancel();
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
