/**
 * Event store throughput: each adapter beside its raw driver baseline, every figure from one run.
 * `npm run bench:store` — see bench/README.md for what is measured and how.
 */
import { SqliteEventStore } from '@casetrail/event-store';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendCaseId, CaseFilter, caseFilter, readAllCaseId } from './store/cases';
import { eventStoreSources, machineInfo, MachineInfo } from './store/machine';
import {
  adapterReadAllPass,
  APPENDS,
  GOALS,
  inProcess,
  log,
  measureAppends,
  measureReadAll,
  PAGE_SIZE,
  ROUNDS,
  SCALE,
  WRITERS,
} from './store/measure';
import { postgresSection } from './store/postgres-section';
import { renderTable, ResultRow, round } from './store/report';
import { createRawSqliteTable, openRawSqlite, pragmasOf, rawSqliteAppender, rawSqliteReadAll } from './store/sqlite-raw';
import { SqliteWriterProcesses } from './store/sqlite-processes';
import { expectedRevisionOf, PlannedAppend } from './store/workload';

async function sqliteSection(machine: MachineInfo, filter: CaseFilter): Promise<{ rows: ResultRow[]; details: Record<string, unknown> }> {
  const dir = mkdtempSync(join(process.env.BENCH_SQLITE_DIR ?? tmpdir(), 'casetrail-bench-'));
  const path = join(dir, 'events.db');
  const store = new SqliteEventStore({ path });
  const raw = openRawSqlite(path);
  const rows: ResultRow[] = [];
  try {
    await store.init();
    createRawSqliteTable(raw);
    const pragmas = { adapter: pragmasOf(store.db), raw: pragmasOf(raw) };
    if (JSON.stringify(pragmas.adapter) !== JSON.stringify(pragmas.raw)) {
      throw new Error(`raw connection pragmas differ from the adapter's: ${JSON.stringify(pragmas)}`);
    }
    machine.sqlite = (raw.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    log(`SQLite ${machine.sqlite} at ${path}; pragmas ${JSON.stringify(pragmas.adapter)}`);
    const rawAppend = rawSqliteAppender(raw);
    const append = {
      raw: (_writer: number, planned: PlannedAppend) => rawAppend(planned),
      adapter: (_writer: number, planned: PlannedAppend) =>
        store.append(planned.streamId, planned.events, expectedRevisionOf(planned)),
    };
    for (const eventsPerAppend of [1, 100]) {
      const spec = { adapter: 'sqlite' as const, eventsPerAppend, goal: GOALS.sqliteAppend };
      const oneCaller = { ...spec, writers: 1, concurrency: 'caller' };
      if (filter.selects(appendCaseId(oneCaller))) rows.push(await measureAppends(oneCaller, inProcess(1, eventsPerAppend, append)));
      const asyncCallers = { ...spec, writers: WRITERS, concurrency: 'async callers, 1 store' };
      if (filter.selects(appendCaseId(asyncCallers))) {
        rows.push(await measureAppends(asyncCallers, inProcess(WRITERS, eventsPerAppend, append)));
      }
      const inProcesses = { ...spec, writers: WRITERS, concurrency: 'processes, 1 file' };
      if (!filter.selects(appendCaseId(inProcesses))) continue;
      const processes = await SqliteWriterProcesses.start(path, WRITERS);
      try {
        rows.push(
          await measureAppends(inProcesses, (side, prefix, appends) => processes.run(side, prefix, appends, eventsPerAppend)),
        );
      } finally {
        await processes.stop();
      }
    }
    if (filter.selects(readAllCaseId('sqlite'))) {
      rows.push(
        await measureReadAll(
          'sqlite',
          () => adapterReadAllPass(store),
          async () => rawSqliteReadAll(raw, PAGE_SIZE),
          { 'raw SELECT + JSON.parse of data and metadata': async () => rawSqliteReadAll(raw, PAGE_SIZE, true) },
        ),
      );
    }
    return { rows, details: { file: path, pragmas: pragmas.adapter } };
  } finally {
    await store.close();
    raw.close();
    if (process.env.BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  }
}

/** What each figure is, stored with the figures so a result file explains itself. */
const METHOD = {
  workload:
    'Each writer appends to its own case streams, 20 appends per stream, with the exact expected revision; ' +
    'events are ~330 B of data and ~230 B of metadata as JSON. Batches are generated before the clock starts.',
  rounds:
    `Per scenario: a warm-up for both sides, then ${ROUNDS} rounds in which raw and adapter each make 1/${ROUNDS} ` +
    'of the appends, alternating which goes first. Rates are total events / total seconds per side.',
  sqliteRawAppend:
    'better-sqlite3 on its own connection to the same file, same pragmas (checked): JSON.stringify, then one ' +
    'BEGIN IMMEDIATE transaction per batch with one prepared INSERT per event into raw_events, a copy of the ' +
    "adapter's events table (DDL read from sqlite_master). No validation, no revision or duplicate check.",
  sqliteConcurrency:
    '"async callers, 1 store": N concurrent async callers on one store/connection (better-sqlite3 is synchronous); ' +
    'raw callers take turns, one transaction per batch, while the adapter group-commits the appends started in one ' +
    'turn of the event loop (one transaction, one fsync; ADR 0002). "processes, 1 file": N child processes, ' +
    'each with its own adapter store and raw connection on the file, contending through SQLite locks and ' +
    'busy_timeout (each process appends one batch at a time, so its adapter groups hold one append).',
  postgresRawAppend:
    'pg: one multi-row INSERT ... VALUES per batch (named prepared statement) in autocommit, i.e. one round trip ' +
    "and one commit per batch, into raw_events = LIKE events INCLUDING ALL; one dedicated connection per writer. " +
    'The adapter gets a pool of the same size.',
  readAll:
    'Every event of the adapter table in pages (keyset on position): the adapter via readAll({ after, maxCount }), ' +
    'the raw baseline via the same ordered SELECT with rows as the driver returns them (SQLite: JSON as text; ' +
    'pg: json columns parsed by its default type parser).',
  cpu: 'cpuMicrosPerAppend: user + system CPU of the benchmark process(es) per append (client side only for PostgreSQL).',
};

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = machineInfo();
  const sources = eventStoreSources(join(__dirname, '..'));
  log(`${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; scale ${SCALE}`);
  const filter = caseFilter(process.argv.slice(2));
  if (filter.only) log(`only the cases whose id starts with ${filter.only.join(', ')} (a partial run: store-latest.json is left alone)`);
  const skipped = (reason: string) => ({ rows: [] as ResultRow[], details: { skipped: reason }, notes: [] as string[] });
  const sqlite = filter.selectsAny('sqlite') ? await sqliteSection(machine, filter) : skipped('not selected by --only');
  // A failing PostgreSQL half (server, or an adapter mid-change) must not lose the SQLite figures.
  const postgresRun = filter.selectsAny('postgres') ? postgresSection(machine, log, filter) : Promise.resolve(skipped('not selected by --only'));
  const postgres = await postgresRun.catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    log(`PostgreSQL section failed: ${error instanceof Error ? (error.stack ?? reason) : reason}`);
    process.exitCode = 1;
    return { rows: [], details: { failed: reason }, notes: [`PostgreSQL: FAILED (${reason}); no PostgreSQL figures`] };
  });
  const rows = [...sqlite.rows, ...postgres.rows];
  const finishedAt = new Date();
  const sourcesAtEnd = eventStoreSources(join(__dirname, '..'));
  if (sourcesAtEnd.sha256 !== sources.sha256) {
    log(`the event store sources changed during the run (${sources.sha256} -> ${sourcesAtEnd.sha256}): figures may mix versions`);
  }
  const result = {
    benchmark: 'store',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: round((finishedAt.getTime() - startedAt.getTime()) / 1000, 1),
    machine,
    eventStoreSources: { ...sources, sha256AtEnd: sourcesAtEnd.sha256 },
    method: METHOD,
    config: { scale: SCALE, rounds: ROUNDS, writers: WRITERS, pageSize: PAGE_SIZE, appendsPerSide: APPENDS, goals: GOALS, only: filter.only },
    sqlite: sqlite.details,
    postgres: postgres.details,
    results: rows,
  };
  const table = renderTable(rows);
  const outDir = join(__dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  // A partial run (--only) must not stand in for a full one: the report reads store-latest.json.
  const name = filter.only ? 'store-partial' : 'store';
  const file = join(outDir, `${name}-${startedAt.toISOString().replace(/:/g, '-')}.json`);
  const json = JSON.stringify(result, null, 2) + '\n';
  writeFileSync(file, json);
  if (!filter.only) writeFileSync(join(outDir, 'store-latest.json'), json);
  process.stdout.write(
    [
      '',
      `Casetrail event store benchmark — ${result.startedAt}, ${result.durationSeconds} s`,
      `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.os}, Node ${machine.node}, ` +
        `SQLite ${machine.sqlite ?? '—'}, PostgreSQL ${machine.postgres ?? '—'}${machine.gitCommit ? `, commit ${machine.gitCommit}` : ''}`,
      `event store sources ${sources.sha256}${sourcesAtEnd.sha256 !== sources.sha256 ? ` CHANGED DURING THE RUN to ${sourcesAtEnd.sha256}` : ''} ` +
        `(${sources.files} files${sources.uncommittedChanges ? ', uncommitted changes' : ''}); ` +
        `load average at start ${machine.loadAverageAtStart.join(' / ')}, at end ${loadavg().map((l) => l.toFixed(2)).join(' / ')} (other work on the machine skews every figure)`,
      `ratio = adapter ÷ raw (events/s); per round = spread of that ratio over ${ROUNDS} alternating rounds`,
      '',
      table,
      ...rows.flatMap((row) => (row.kind === 'read-all' && row.invalid ? [`INVALID: ${row.invalid}`] : [])),
      ...rows.flatMap((row) =>
        row.kind === 'append' && row.adapterFigures.busyRetries + row.raw.busyRetries > 0
          ? [
              `${row.adapter} append ${row.eventsPerAppend} ev, ${row.writers} ${row.concurrency}: SQLITE_BUSY after busy_timeout ` +
                `(appends retried, waits included in the figures): adapter ${row.adapterFigures.busyRetries}, raw ${row.raw.busyRetries}`,
            ]
          : [],
      ),
      ...rows.flatMap((row) =>
        row.kind !== 'read-all'
          ? []
          : Object.entries(row.references).map(
              ([name, figures]) =>
                `${row.adapter} read-all reference, ${name}: ${figures.eventsPerSecond.toLocaleString('en-GB')} events/s ` +
                `(adapter = ${(row.adapterFigures.eventsPerSecond / figures.eventsPerSecond).toFixed(2)}x of it)`,
            ),
      ),
      ...postgres.notes,
      '',
      filter.only ? `written ${file} (partial run: store-latest.json unchanged)` : `written ${file} and store-latest.json`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench:store] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
