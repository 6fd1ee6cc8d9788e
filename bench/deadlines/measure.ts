import { EventStore } from '@casetrail/event-store';

export interface Firing {
  dueAtMs: number;
  /** When handling began: BullMQ's processedOn, or the ExpireDeadline command's time. */
  startedAtMs: number;
  /** When the effect was durable: BullMQ's finishedOn, or the store's recordedAt of DeadlineMissed. */
  doneAtMs: number;
}

export interface PhaseFigures {
  deadlines: number;
  /** Milliseconds after the due time: p50, p99, max. */
  startLatenessMs: { p50: number; p99: number; max: number };
  doneLatenessMs: { p50: number; p99: number; max: number };
  /** Firings per second from the first due time to the last effect. */
  jobsPerSecond: number;
  seconds: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
};

export function figures(firings: Firing[]): PhaseFigures {
  const firstDue = Math.min(...firings.map((f) => f.dueAtMs));
  const lastDone = Math.max(...firings.map((f) => f.doneAtMs));
  const seconds = (lastDone - firstDue) / 1000;
  return {
    deadlines: firings.length,
    startLatenessMs: spread(firings.map((f) => f.startedAtMs - f.dueAtMs)),
    doneLatenessMs: spread(firings.map((f) => f.doneAtMs - f.dueAtMs)),
    jobsPerSecond: Math.round(firings.length / seconds),
    seconds: Math.round(seconds * 100) / 100,
  };
}

/** Reads DeadlineMissed events as they arrive, from where it last stopped. */
export class MissedCollector {
  readonly firings: Firing[] = [];
  private position = 0;

  constructor(private readonly store: EventStore) {}

  async collect(): Promise<number> {
    for (;;) {
      const page = await this.store.readAll({ after: this.position, maxCount: 5000 });
      if (page.length === 0) return this.firings.length;
      for (const event of page) {
        if (event.type !== 'DeadlineMissed') continue;
        const data = event.data as { dueAt: string; missedAt: string };
        this.firings.push({ dueAtMs: Date.parse(data.dueAt), startedAtMs: Date.parse(data.missedAt), doneAtMs: Date.parse(event.metadata.recordedAt) });
      }
      this.position = page.at(-1)!.position;
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
