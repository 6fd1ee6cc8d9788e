import type { EventStore } from '@casetrail/event-store';
import { performance } from 'node:perf_hooks';
import { appendCaseId } from './cases';
import { AppendResultRow, ReadResultRow, round, Side, sideFigures } from './report';
import { planWriter, PlannedAppend, runWriters, share, Timing } from './workload';

/** BENCH_SCALE=0.1 for a quick smoke run; figures from such a run are not meaningful. */
export const SCALE = Number(process.env.BENCH_SCALE ?? '1');
export const ROUNDS = 10;
/** Read-all passes per side: each pass reads every event, so fewer rounds than the appends. */
export const READ_ROUNDS = 3;
export const WRITERS = 8;
export const PAGE_SIZE = 1000;
/** Measured appends per side (raw, adapter) and scenario, over all rounds; warm-up not counted. */
export const APPENDS: Record<number, number> = { 1: scaled(8000), 100: scaled(2000) };
export const GOALS = { sqliteAppend: 0.8, postgresAppend8: 0.8, readAll: 0.7 };

function scaled(n: number): number {
  return Math.max(ROUNDS * WRITERS, Math.round((n * SCALE) / (ROUNDS * WRITERS)) * ROUNDS * WRITERS);
}

/** Runs `appends` appends for one side: wall-clock and CPU seconds. */
export type RunSide = (side: Side, prefix: string, appends: number) => Promise<Timing>;

export interface AppendSpec {
  adapter: 'sqlite' | 'postgres';
  eventsPerAppend: number;
  writers: number;
  concurrency: string;
  goal?: number;
}

export const log = (message: string) => process.stderr.write(`[bench:store] ${message}\n`);

/**
 * One append scenario: a warm-up for both sides, then ROUNDS rounds in which raw and adapter each
 * make appends/ROUNDS appends, alternating which goes first, into tables of equal size.
 */
export async function measureAppends(spec: AppendSpec, runSide: RunSide): Promise<AppendResultRow> {
  const total = APPENDS[spec.eventsPerAppend]!;
  const perRound = total / ROUNDS;
  const id = appendCaseId(spec);
  const warmUp = Math.max(spec.writers * 10, Math.round(perRound / 10));
  for (const side of ['raw', 'adapter'] as const) await runSide(side, `${id}-warm-${side}`, warmUp);
  const timings: Record<Side, Timing[]> = { raw: [], adapter: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const order: Side[] = r % 2 === 0 ? ['raw', 'adapter'] : ['adapter', 'raw'];
    for (const side of order) timings[side].push(await runSide(side, `${id}-r${r}-${side}`, perRound));
  }
  const adapterFigures = sideFigures(total, spec.eventsPerAppend, timings.adapter);
  const raw = sideFigures(total, spec.eventsPerAppend, timings.raw);
  const ratio = adapterFigures.eventsPerSecond / raw.eventsPerSecond;
  const row: AppendResultRow = {
    kind: 'append',
    ...spec,
    adapterFigures,
    raw,
    ratio: round(ratio, 3),
    roundRatios: timings.raw.map((t, i) => round(t.seconds / timings.adapter[i]!.seconds, 3)),
    met: spec.goal === undefined ? undefined : ratio >= spec.goal,
  };
  log(
    `${id}: adapter ${adapterFigures.eventsPerSecond} ev/s, raw ${raw.eventsPerSecond} ev/s, ratio ${ratio.toFixed(2)}; ` +
      `CPU µs/append adapter ${adapterFigures.cpuMicrosPerAppend}, raw ${raw.cpuMicrosPerAppend}`,
  );
  return row;
}

/** A read-all pass through the adapter that takes longer than this is stopped (and the row voided). */
export const READ_PASS_LIMIT_SECONDS = 60;

/** One read-all pass through the adapter: pages of PAGE_SIZE until an empty page. */
export async function adapterReadAllPass(store: EventStore): Promise<ReadPass> {
  const deadline = performance.now() + READ_PASS_LIMIT_SECONDS * 1000;
  let after = 0;
  let count = 0;
  let outOfOrder = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE_SIZE });
    if (page.length === 0) return { count, outOfOrder };
    for (let i = 0, last = after; i < page.length; last = page[i]!.position, i++) if (page[i]!.position <= last) outOfOrder++;
    count += page.length;
    after = page[page.length - 1]!.position;
    if (performance.now() > deadline) return { count, outOfOrder, timedOut: true };
  }
}

export interface ReadPass {
  count: number;
  /** Events whose position is not above the one before: a broken readAll, not a slow one. */
  outOfOrder?: number;
  timedOut?: boolean;
}

interface TimedPass extends ReadPass {
  seconds: number;
}

/**
 * Read-all: a warm-up pass each, then READ_ROUNDS alternating passes over every event of the
 * adapter's table. The adapter must return exactly the rows the raw SELECT returns, in position
 * order; if its warm-up pass does not, the row is marked invalid (its speed means nothing) and
 * the measured rounds are skipped rather than aborting the run. `references` are further raw
 * variants timed in the same rounds, reported beside the baseline to show what limits the ratio.
 */
export async function measureReadAll(
  adapter: 'sqlite' | 'postgres',
  adapterPass: () => Promise<ReadPass>,
  rawPass: () => Promise<number>,
  references: Record<string, () => Promise<number>> = {},
): Promise<ReadResultRow> {
  const run = async (pass: () => Promise<ReadPass>): Promise<TimedPass> => {
    const start = performance.now();
    const result = await pass();
    return { ...result, seconds: (performance.now() - start) / 1000 };
  };
  const raw = async () => ({ count: await rawPass() });
  // Warm-up (caches, JIT), and the correctness check of the adapter's pass.
  const warmRaw = await run(raw);
  const warmAdapter = await run(adapterPass);
  const events = warmRaw.count;
  const problems = [
    warmAdapter.count !== events && `returned ${warmAdapter.count} of the ${events} events`,
    (warmAdapter.outOfOrder ?? 0) > 0 && `${warmAdapter.outOfOrder} events out of position order`,
    warmAdapter.timedOut && `was stopped after ${READ_PASS_LIMIT_SECONDS} s`,
  ].filter(Boolean);
  const invalid =
    problems.length > 0
      ? `${adapter} readAll (pages of ${PAGE_SIZE}) ${problems.join(', ')}: a correctness bug, ` +
        'so its read-all speed is not comparable (figures from the warm-up pass only)'
      : undefined;
  const passes: Record<string, TimedPass[]> = { raw: [], adapter: [] };
  if (invalid) {
    passes.raw!.push(warmRaw);
    passes.adapter!.push(warmAdapter);
  } else {
    const sides: [string, () => Promise<ReadPass>][] = [
      ['raw', raw],
      ['adapter', adapterPass],
      ...Object.entries(references).map(([name, pass]): [string, () => Promise<ReadPass>] => [name, async () => ({ count: await pass() })]),
    ];
    for (let r = 0; r < READ_ROUNDS; r++) {
      const order = r % 2 === 0 ? sides : [...sides].reverse();
      for (const [name, pass] of order) (passes[name] ??= []).push(await run(pass));
    }
  }
  const figures = (name: string) => {
    const list = passes[name]!;
    const total = list.reduce((sum, p) => sum + p.seconds, 0);
    const count = list.reduce((sum, p) => sum + p.count, 0);
    return { seconds: round(total, 3), eventsPerSecond: Math.round(count / total), roundSeconds: list.map((p) => round(p.seconds, 3)) };
  };
  const adapterFigures = figures('adapter');
  const rawFigures = figures('raw');
  const ratio = adapterFigures.eventsPerSecond / rawFigures.eventsPerSecond;
  const referenceFigures = Object.fromEntries(Object.keys(references).filter((name) => passes[name]).map((name) => [name, figures(name)]));
  log(
    `${adapter} read-all ${events} events: adapter ${adapterFigures.eventsPerSecond} ev/s, raw ${rawFigures.eventsPerSecond} ev/s, ` +
      `ratio ${ratio.toFixed(2)}${invalid ? ` — INVALID: ${invalid}` : ''}`,
  );
  return {
    kind: 'read-all',
    adapter,
    pageSize: PAGE_SIZE,
    events,
    adapterEvents: warmAdapter.count,
    adapterFigures,
    raw: rawFigures,
    references: referenceFigures,
    ratio: round(ratio, 3),
    roundRatios: passes.raw!.map((p, i) => {
      const a = passes.adapter![i]!;
      return round(a.count / a.seconds / (p.count / p.seconds), 3);
    }),
    goal: GOALS.readAll,
    met: !invalid && ratio >= GOALS.readAll,
    invalid,
  };
}

/** In-process writers: `writers` concurrent async callers, each making its share of the appends. */
export function inProcess(
  writers: number,
  eventsPerAppend: number,
  append: Record<Side, (writer: number, planned: PlannedAppend) => unknown>,
): RunSide {
  return (side, prefix, appends) => {
    const plans = Array.from({ length: writers }, (_, w) => planWriter(`${prefix}-w${w}`, share(appends, writers, w), eventsPerAppend));
    return runWriters(plans, append[side]);
  };
}
