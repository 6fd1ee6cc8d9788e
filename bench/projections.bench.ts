/**
 * Projection rebuild against a raw ordered read of the same events, every figure from one run
 * (bench/README.md): 1,000,000 events of the four case types in one SQLite file; rebuild of each
 * read model through rebuildProjection (events/s, ratio to the raw read, RSS sampled through
 * it); the escalation queue query (p50/p99) over what the rebuild left.
 * `npm run bench:projections [-- --events N] [--projections a,b]`; `--events 20000` for a smoke run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CASE_TYPES } from '@casetrail/cases';
import { SqliteEventStore } from '@casetrail/event-store';
import { createDatabase, migrateTables } from '@casetrail/persistence';
import { allProjections, caseTypeOfStream, createProjectionLocks, DEFAULT_CASE_FOLD_CAPACITY, ensureProjectionTables, processOwner } from '@casetrail/projections';
import { generateEvents } from './projections/generate';
import { adapterOrderedRead, log, measureRebuild, PAGE_SIZE, rawOrderedRead, RebuildFigures } from './projections/measure';
import { measureQueue } from './projections/queue';
import { queueTable, rebuildTable } from './projections/report';
import { machineInfo } from './store/machine';

const REBUILD_GOAL = 0.5;
const QUEUE_P99_GOAL_MS = 20;
const QUEUE_QUERIES = 1000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { events: { type: 'string', default: '1000000' }, store: { type: 'string', default: 'sqlite' }, projections: { type: 'string' } },
  });
  const target = Number(values.events);
  if (!Number.isSafeInteger(target) || target < 1000) throw new Error(`--events must be a whole number >= 1000, got ${values.events}`);
  if (values.store !== 'sqlite') throw new Error(`--store ${values.store}: only sqlite is measured so far (see bench/README.md)`);
  const startedAt = new Date();
  const machine = machineInfo();
  log(`${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; ${target.toLocaleString('en-GB')} events`);
  const dir = mkdtempSync(join(process.env.BENCH_SQLITE_DIR ?? tmpdir(), 'casetrail-bench-projections-'));
  try {
    log('generating events');
    const generated = await generateEvents(dir, target, log);
    log(`${generated.events.toLocaleString('en-GB')} events in ${generated.streams.toLocaleString('en-GB')} streams, ${generated.seconds.toFixed(1)} s (not measured)`);

    const store = new SqliteEventStore({ path: generated.path });
    await store.init();
    const targetDb = { dialect: 'sqlite' as const, path: generated.path };
    const db = createDatabase(targetDb, { durability: 'rebuildable' });
    const locks = createProjectionLocks(db, targetDb, processOwner('bench'));
    try {
      await migrateTables(db);
      const every = allProjections({ store, definitionFor: caseTypeOfStream(CASE_TYPES) });
      await ensureProjectionTables(db, every);
      // --projections a,b: rebuild only those (the queue needs case-summary and escalation-queue).
      const only = values.projections?.split(',');
      const projections = only ? every.filter((p) => only.includes(p.name)) : every;

      log('raw ordered read (warm-up pass, then measured passes before and after the rebuilds)');
      rawOrderedRead(generated.path);
      const rawBefore = rawOrderedRead(generated.path);
      const adapter = await adapterOrderedRead(store);
      log(`raw ${Math.round(rawBefore.events / rawBefore.seconds).toLocaleString('en-GB')} events/s; adapter readAll ${Math.round(adapter.events / adapter.seconds).toLocaleString('en-GB')} events/s`);

      const rebuilds: RebuildFigures[] = [];
      for (const projection of projections) {
        log(`rebuilding ${projection.name}`);
        rebuilds.push(await measureRebuild({ store, db, locks, projection }, generated.events));
      }
      const rawAfter = rawOrderedRead(generated.path);
      const rawPerSecond = Math.round((rawBefore.events + rawAfter.events) / (rawBefore.seconds + rawAfter.seconds));
      const rawPerCpuSecond = Math.round((rawBefore.events + rawAfter.events) / (rawBefore.cpuSeconds + rawAfter.cpuSeconds));

      log(`escalation queue: ${QUEUE_QUERIES} queries`);
      const queue = await measureQueue(db, generated.lastOccurredAt, QUEUE_QUERIES);

      const round2 = (x: number) => Math.round(x * 100) / 100;
      const rows = rebuilds.map((r) => ({ ...r, ratio: round2(r.eventsPerSecond / rawPerSecond), cpuRatio: round2(r.eventsPerCpuSecond / rawPerCpuSecond) }));
      const allSeconds = rebuilds.reduce((sum, r) => sum + r.seconds, 0);
      const allCpuSeconds = rebuilds.reduce((sum, r) => sum + r.cpuSeconds, 0);
      const all = {
        seconds: Math.round(allSeconds * 10) / 10,
        eventsPerSecond: Math.round(generated.events / allSeconds),
        ratio: round2(generated.events / allSeconds / rawPerSecond),
        cpuRatio: round2(generated.events / allCpuSeconds / rawPerCpuSecond),
      };
      const baseline = {
        rawEventsPerSecond: rawPerSecond,
        rawEventsPerCpuSecond: rawPerCpuSecond,
        rawPasses: [rawBefore, rawAfter].map((r) => ({ eventsPerSecond: Math.round(r.events / r.seconds), eventsPerCpuSecond: Math.round(r.events / r.cpuSeconds) })),
        adapterReadAllEventsPerSecond: Math.round(adapter.events / adapter.seconds),
        adapterReadAllEventsPerCpuSecond: Math.round(adapter.events / adapter.cpuSeconds),
      };
      process.stdout.write(`\n${rebuildTable(rows, all, baseline, REBUILD_GOAL)}\n\n${queueTable(queue, QUEUE_P99_GOAL_MS)}\n\n`);

      const finishedAt = new Date();
      const result = {
        benchmark: 'projections',
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100) },
        config: { events: generated.events, store: 'sqlite', projections: projections.map((p) => p.name), pageSize: PAGE_SIZE, caseFoldCapacity: DEFAULT_CASE_FOLD_CAPACITY, queueQueries: QUEUE_QUERIES },
        data: generated,
        method: {
          data:
            'A template of borough-years from tests/support/year-generator sent through handleCommand (real deciders, policy, calendar), ' +
            'replicated as other boroughs living the same year (case and event ids renamed, a seeded 30% of cases cut short at a command ' +
            'boundary so they are still open), written in bulk into the SQLite store, interleaved by time.',
          baseline: `better-sqlite3 SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ${PAGE_SIZE}, JSON.parse of data and metadata; one pass before and one after the rebuilds (a warm-up pass first), averaged.`,
          rebuild:
            'rebuildProjection (the CLI path): shadow tables, the rebuild batches and budget, one transaction per batch, swap; read models in the ' +
            'events file, durability rebuildable. Each projection alone, in turn; "all" adds their times (each reads every event itself).',
          ratios:
            'vs raw = rebuild events/s ÷ raw events/s (wall clock, the goal). cpu = the same with CPU seconds of this process instead of wall ' +
            'seconds: on a shared 2-core machine the wall clock also counts time other processes took.',
          memory: 'process RSS and heap sampled every 50 ms and at every committed batch; figures at the first sample past 25/50/75/100% of the events.',
          queue: 'readEscalationQueue (what GET /api/queues/escalations runs), pages of 50, now = the last event time, shapes in turn after 50 warm-up queries.',
        },
        baseline,
        rebuild: { goal: `>= ${REBUILD_GOAL}x raw`, projections: rows, all },
        queue: { goal: `p99 <= ${QUEUE_P99_GOAL_MS} ms`, met: queue.p99Ms <= QUEUE_P99_GOAL_MS, ...queue },
      };
      mkdirSync(join(__dirname, 'results'), { recursive: true });
      const json = `${JSON.stringify(result, null, 2)}\n`;
      writeFileSync(join(__dirname, 'results', `projections-${startedAt.toISOString().replace(/:/g, '-')}.json`), json);
      // A run of some projections only is kept beside the others, not as the latest full run.
      if (!only) writeFileSync(join(__dirname, 'results', 'projections-latest.json'), json);
      log(`results in bench/results/projections-${only ? startedAt.toISOString().replace(/:/g, '-') : 'latest'}.json`);
    } finally {
      await locks.close();
      await db.destroy();
      await store.close();
    }
  } finally {
    if (process.env.BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
