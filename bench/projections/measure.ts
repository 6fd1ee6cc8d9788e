import Database from 'better-sqlite3';
import { EventStore } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { Projection, ProjectionLocks, rebuildProjection, RebuildProgress } from '@casetrail/projections';

export const PAGE_SIZE = 1000;
const MiB = 2 ** 20;

export const log = (line: string) => process.stdout.write(`[bench:projections] ${line}\n`);
export const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

/**
 * The baseline: every event in position order, in pages of PAGE_SIZE (keyset on position),
 * through better-sqlite3 with JSON.parse of data and metadata: the least work any reader that
 * hands a projection objects must do. Returns seconds and the count read.
 */
export interface Pass {
  events: number;
  seconds: number;
  /** CPU seconds (user + system) of this process: much less disturbed by other work on the machine than the wall clock. */
  cpuSeconds: number;
}

const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

export function rawOrderedRead(path: string): Pass {
  const db = new Database(path, { readonly: true });
  try {
    const page = db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position ASC LIMIT ?');
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    let events = 0;
    for (let after = 0; ; ) {
      const rows = page.all(after, PAGE_SIZE) as { position: number; data: string; metadata: string }[];
      if (rows.length === 0) break;
      for (const row of rows) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
      }
      events += rows.length;
      after = rows.at(-1)!.position;
    }
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: cpuSince(cpu), events };
  } finally {
    db.close();
  }
}

/** The same pages through the adapter's readAll (what the runner reads): a reference, not the baseline. */
export async function adapterOrderedRead(store: EventStore): Promise<Pass> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let events = 0;
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: PAGE_SIZE });
    if (page.length === 0) break;
    events += page.length;
    after = page.at(-1)!.position;
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: cpuSince(cpu), events };
}

export interface RssSample {
  /** Share of the rebuild's events applied when sampled, 0..1. */
  progress: number;
  rssMiB: number;
  heapUsedMiB: number;
}

export interface RebuildFigures {
  projection: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  cpuSeconds: number;
  /** Events per CPU second of this process. */
  eventsPerCpuSecond: number;
  peakRssMiB: number;
  /** RSS (and heap) at the first sample past 25%, 50%, 75% of the events and at the end. */
  rssAt: Record<'25%' | '50%' | '75%' | '100%', { rssMiB: number; heapUsedMiB: number }>;
}

/**
 * One projection rebuilt through the real path (rebuildProjection: shadow tables, batches with
 * the runner's settings, swap), RSS sampled every 50 ms and at every batch.
 */
export async function measureRebuild(
  options: { store: EventStore; db: CasetrailDatabase; locks: ProjectionLocks; projection: Projection<unknown> },
  total: number,
): Promise<RebuildFigures> {
  const samples: RssSample[] = [];
  let progress = 0;
  const sample = () => {
    const memory = process.memoryUsage();
    samples.push({ progress, rssMiB: mib(memory.rss), heapUsedMiB: mib(memory.heapUsed) });
  };
  const timer = setInterval(sample, 50);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let lastLogged = 0;
  try {
    const result = await rebuildProjection({
      ...options,
      onProgress: (p: RebuildProgress) => {
        progress = Math.min(1, p.applied / total);
        sample();
        if (p.applied - lastLogged >= 250_000) {
          lastLogged = p.applied;
          log(`  ${options.projection.name}: ${p.applied.toLocaleString('en-GB')} events, ${Math.round(p.applied / (p.elapsedMs / 1000)).toLocaleString('en-GB')}/s`);
        }
      },
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuSeconds = cpuSince(cpu);
    sample();
    const at = (share: number) => {
      const found = samples.find((s) => s.progress >= share) ?? samples.at(-1)!;
      return { rssMiB: found.rssMiB, heapUsedMiB: found.heapUsedMiB };
    };
    return {
      projection: options.projection.name,
      events: result.events,
      seconds,
      eventsPerSecond: Math.round(result.events / seconds),
      cpuSeconds: Math.round(cpuSeconds * 100) / 100,
      eventsPerCpuSecond: Math.round(result.events / cpuSeconds),
      peakRssMiB: Math.max(...samples.map((s) => s.rssMiB)),
      rssAt: { '25%': at(0.25), '50%': at(0.5), '75%': at(0.75), '100%': at(1) },
    };
  } finally {
    clearInterval(timer);
  }
}

/** p-th percentile (nearest rank) of durations in ms. */
export function percentile(sortedMs: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sortedMs.length));
  return Math.round(sortedMs[rank - 1]! * 100) / 100;
}
