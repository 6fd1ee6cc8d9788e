/**
 * One scale run: one size on one adapter, in its own process so its peak RSS is its own.
 * Generates the history through the store (scripts/scale), then measures append, hash-chain
 * verification, state-as-of, projection rebuild and the escalation-queue query, each beside a raw
 * driver baseline from this run. Prints one line `RESULT <json>` at the end.
 * Arguments: <borough|county|national> <sqlite|postgres> <dir>.
 */
import { performance } from 'node:perf_hooks';
import { CASE_TYPES } from '@casetrail/cases';
import { verifyStore } from '@casetrail/audit';
import { RecordedEvent } from '@casetrail/event-store';
import { createDatabase, migrateTables } from '@casetrail/persistence';
import {
  allProjections,
  caseTypeOfStream,
  createProjectionLocks,
  ensureProjectionTables,
  ESCALATION_QUEUE_PROJECTION,
  processOwner,
  readEscalationQueue,
  rebuildProjection,
} from '@casetrail/projections';
import { loadCase } from '@casetrail/workflow';
import { appendChunk, generateHistory, SizeName, SIZES } from '../../scripts/scale/generate-history';
import { peakRssMiB, percentile, round } from './percentiles';
import { openPostgresScale, openSqliteScale, ScaleStore } from './scale-stores';
import { getHeapStatistics } from 'node:v8';

const PAGE = 2000;
const TIME_TRAVEL_SAMPLES = 200;
const QUEUE_QUERIES = 300;
/**
 * Cases appended at once on the chunks without a raw sample (BENCH_SCALE_IN_FLIGHT, default 1):
 * only to generate a national history in less time. The sampled chunks, and so the ratio, are
 * always case by case on both sides.
 */
const UNSAMPLED_CASES_IN_FLIGHT = Math.max(1, Number(process.env.BENCH_SCALE_IN_FLIGHT ?? 1));
const log = (line: string) => process.stderr.write(`[bench:scale ${process.argv[2]}/${process.argv[3]}] ${line}\n`);
const seconds = (start: number) => (performance.now() - start) / 1000;

async function readAllPass(scale: ScaleStore): Promise<number> {
  let count = 0;
  for (let after = 0; ; ) {
    const page: RecordedEvent[] = await scale.store.readAll({ after, maxCount: PAGE });
    if (page.length === 0) return count;
    count += page.length;
    after = page.at(-1)!.position;
  }
}

async function main(): Promise<void> {
  const [size, adapter, dir] = process.argv.slice(2) as [SizeName, 'sqlite' | 'postgres', string];
  const events = Number(process.env.BENCH_SCALE_EVENTS ?? SIZES[size]);
  const scale = adapter === 'sqlite' ? await openSqliteScale(dir) : await openPostgresScale(process.env.BENCH_KEEP === '1');
  const rss: Record<string, number> = {};
  try {
    // --- append: every chunk through the store; the raw baseline on sampled chunks -------------
    const rawEvery = { borough: 1, county: 4, national: 10 }[size];
    let adapterSeconds = 0;
    let sampledAdapterSeconds = 0;
    let rawSeconds = 0;
    let sampledEvents = 0;
    const chunkRatios: number[] = [];
    const probes: { caseId: string; asOf: string; events: number }[] = [];
    const started = performance.now();
    const summary = await generateHistory({
      events,
      write: async (chunk, index) => {
        const chunkEvents = chunk.reduce((n, c) => n + c.batches.reduce((m, b) => m + b.length, 0), 0);
        const viaStore = async (casesInFlight = 1) => {
          const t = performance.now();
          await appendChunk(scale.store, scale.clock, chunk, casesInFlight);
          return seconds(t);
        };
        const viaRaw = async () => {
          const t = performance.now();
          for (const c of chunk) {
            let next = 0;
            for (const batch of c.batches) {
              await scale.rawAppend({ streamId: c.caseId, nextRevision: next, events: batch });
              next += batch.length;
            }
          }
          return seconds(t);
        };
        if (index % rawEvery !== 0) {
          adapterSeconds += await viaStore(UNSAMPLED_CASES_IN_FLIGHT);
        } else {
          const [a, r] = index % 2 === 0 ? [await viaStore(), await viaRaw()] : await viaRaw().then(async (r2) => [await viaStore(), r2]);
          adapterSeconds += a;
          sampledAdapterSeconds += a;
          rawSeconds += r;
          sampledEvents += chunkEvents;
          chunkRatios.push(round(r / a));
        }
        for (const c of chunk) {
          if (probes.length < TIME_TRAVEL_SAMPLES * 4 && c.batches.length === 2 && Math.random() < 0.5) {
            probes.push({ caseId: c.caseId, asOf: c.recordedAt[0]!, events: c.batches[0]!.length + c.batches[1]!.length });
          }
        }
        if (index % 20 === 0) log(`${(summary0.written += chunkEvents).toLocaleString('en-GB')} events written (${round(seconds(started), 1)} s)`);
        else summary0.written += chunkEvents;
      },
    });
    rss.afterGenerate = peakRssMiB();
    log(`generated ${summary.events} events in ${summary.cases} cases in ${round(seconds(started), 1)} s`);
    const append = {
      events: summary.events,
      adapterEventsPerSecond: Math.round(summary.events / adapterSeconds),
      sampledEvents,
      sampledAdapterEventsPerSecond: Math.round(sampledEvents / sampledAdapterSeconds),
      rawEventsPerSecond: Math.round(sampledEvents / rawSeconds),
      ratio: round(rawSeconds / sampledAdapterSeconds),
      chunkRatioRange: [Math.min(...chunkRatios), Math.max(...chunkRatios)],
      rawEvery,
      unsampledCasesInFlight: UNSAMPLED_CASES_IN_FLIGHT,
    };

    // --- hash-chain verification vs an ordered read through the store, and the raw driver read ---
    const tRead = performance.now();
    const read = await readAllPass(scale);
    const readSeconds = seconds(tRead);
    const tRaw = performance.now();
    const rawRead = await scale.rawReadAll(PAGE);
    const rawReadSeconds = seconds(tRaw);
    const tVerify = performance.now();
    const verified = await verifyStore(scale.store, { batchSize: PAGE });
    const verifySeconds = seconds(tVerify);
    rss.afterVerify = peakRssMiB();
    const verification = {
      events: verified.events,
      broken: verified.broken.length,
      eventsPerSecond: Math.round(verified.events / verifySeconds),
      readAllEventsPerSecond: Math.round(read / readSeconds),
      rawReadEventsPerSecond: Math.round(rawRead / rawReadSeconds),
      ratioToReadAll: round(verifySeconds / readSeconds),
      readAllToRaw: round(rawReadSeconds / readSeconds),
    };
    log(`verify ${JSON.stringify(verification)}`);

    // --- state as of the first half of a case's history vs readStream of it ---------------------
    const asb = new Map(CASE_TYPES.map((d) => [d.caseType, d]));
    const chosen = probes.sort(() => Math.random() - 0.5).slice(0, TIME_TRAVEL_SAMPLES);
    const asOfMs: number[] = [];
    const readMs: number[] = [];
    for (const [i, probe] of chosen.entries()) {
      const definition = asb.get(probe.caseId.slice(0, probe.caseId.length - 37))!;
      const readOnce = async () => {
        const t = performance.now();
        await scale.store.readStream(probe.caseId);
        readMs.push(performance.now() - t);
      };
      const asOfOnce = async () => {
        const t = performance.now();
        await loadCase(scale.store, definition, probe.caseId, { asOf: probe.asOf });
        asOfMs.push(performance.now() - t);
      };
      if (i % 2 === 0) await readOnce().then(asOfOnce);
      else await asOfOnce().then(readOnce);
    }
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const timeTravel = {
      samples: chosen.length,
      meanEventsPerCase: round(sum(chosen.map((p) => p.events)) / Math.max(chosen.length, 1), 1),
      asOfP50Ms: percentile(asOfMs, 50),
      asOfP99Ms: percentile(asOfMs, 99),
      readStreamP50Ms: percentile(readMs, 50),
      readStreamP99Ms: percentile(readMs, 99),
      ratio: round(sum(asOfMs) / sum(readMs)),
    };
    log(`time travel ${JSON.stringify(timeTravel)}`);

    // --- escalation-queue rebuild vs the ordered read, then the queue query ---------------------
    const db = createDatabase(scale.target, { durability: 'rebuildable' });
    const locks = createProjectionLocks(db, scale.target, processOwner('bench-scale'));
    let rebuild: Record<string, unknown> = {};
    let queue: Record<string, unknown> = {};
    try {
      await migrateTables(db);
      const projections = allProjections({ store: scale.store, definitionFor: caseTypeOfStream(CASE_TYPES) });
      await ensureProjectionTables(db, projections);
      const projection = projections.find((p) => p.name === ESCALATION_QUEUE_PROJECTION)!;
      const result = await rebuildProjection({ store: scale.store, db, locks, projection });
      const rebuildSeconds = result.elapsedMs / 1000;
      rss.afterRebuild = peakRssMiB();
      rebuild = {
        projection: projection.name,
        events: result.events,
        eventsPerSecond: Math.round(result.events / rebuildSeconds),
        readAllEventsPerSecond: verification.readAllEventsPerSecond,
        rawReadEventsPerSecond: verification.rawReadEventsPerSecond,
        ratioToRawRead: round(result.events / rebuildSeconds / verification.rawReadEventsPerSecond),
      };
      log(`rebuild ${JSON.stringify(rebuild)}`);
      const entries = Number((await scale.rawQuery('SELECT COUNT(*) AS n FROM escalation_entries'))[0] && Object.values((await scale.rawQuery('SELECT COUNT(*) AS n FROM escalation_entries'))[0] as object)[0]);
      const queryMs: number[] = [];
      const rawMs: number[] = [];
      const agencies = ['tmbc', 'kent-police', 'davss'];
      for (let i = 0; i < QUEUE_QUERIES; i += 1) {
        const now = new Date(Date.UTC(2025, 1, 3) + (i % 60) * 9 * 86_400_000).toISOString();
        const t = performance.now();
        await readEscalationQueue(db, { now, dueWithinDays: 7, viewer: { agency: agencies[i % 3]!, daAccess: i % 2 === 0 }, limit: 50, ...(i % 4 === 1 ? { caseType: 'asb' } : {}), ...(i % 4 === 3 ? { overdueOnly: true } : {}) });
        queryMs.push(performance.now() - t);
        const r = performance.now();
        await scale.rawQuery(`SELECT * FROM escalation_entries ORDER BY priority, due_at LIMIT 50`);
        rawMs.push(performance.now() - r);
      }
      queue = {
        entries,
        queries: QUEUE_QUERIES,
        p50Ms: percentile(queryMs, 50),
        p99Ms: percentile(queryMs, 99),
        rawP50Ms: percentile(rawMs, 50),
        rawP99Ms: percentile(rawMs, 99),
        ratioP99: round(percentile(queryMs, 99) / percentile(rawMs, 99)),
      };
      log(`queue ${JSON.stringify(queue)}`);
    } finally {
      await locks.close();
      await db.destroy();
    }
    rss.peak = peakRssMiB();
    // The V8 heap limit this run had (node --max-old-space-size, passed on to this child): below
    // it, RSS also holds garbage V8 has not yet collected, so a run under a cap shows the bound.
    rss.heapLimit = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
    const result = { size, adapter, store: scale.describe, generation: summary, append, verification, timeTravel, rebuild, queue, peakRssMiB: rss };
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  } finally {
    await scale.dispose();
  }
}

const summary0 = { written: 0 };

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
