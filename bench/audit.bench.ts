/**
 * Audit costs against the reads they rest on, every figure from one run (bench/README.md):
 * - time travel: a 1,000-event case's state as of a moment half-way through its history, against
 *   a plain read of its stream (goal: at most 2x);
 * - hash-chain verification of 1,000,000 events (events/s), against an ordered read of them all.
 * `npm run bench:audit`; BENCH_SCALE=0.01 for a smoke run.
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyStore } from '@casetrail/audit';
import { CASE_TYPES } from '@casetrail/cases';
import { RecordedEvent, SqliteEventStore } from '@casetrail/event-store';
import { foldCase, GENESIS_HASH, loadCase } from '@casetrail/workflow';
import { longAsbCase, sealedStreams } from './audit/stream-fixtures';
import { alternate, log, Timed } from './audit/timing';
import { machineInfo } from './store/machine';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const CASE_EVENTS = 1000;
const TIME_TRAVEL_READS = Math.max(5, Math.round(100 * SCALE));
const CHAIN_STREAMS = Math.max(2, Math.round(1000 * SCALE));
const CHAIN_PER_STREAM = 1000;
const CHAIN_BATCH = 500;
const ROUNDS = 5;
const VERIFY_ROUNDS = 3;
const PAGE_SIZE = 2000;
const TIME_TRAVEL_GOAL = 2;

interface Row {
  benchmark: string;
  work: string;
  subjectPerSecond: number;
  baselinePerSecond: number;
  unit: string;
  /** subject time ÷ baseline time: how many times longer the audit operation takes. */
  ratio: number;
  roundRatios: number[];
  references?: Record<string, number>;
  goal?: string;
  met?: boolean;
  invalid?: string;
}

const ratioOf = (subject: Timed, baseline: Timed) => subject.seconds / baseline.seconds;
const perRound = (subject: Timed, baseline: Timed) => subject.roundSeconds.map((s, i) => Math.round((s / baseline.roundSeconds[i]!) * 100) / 100);

async function timeTravel(dir: string): Promise<Row> {
  const clock = { now: new Date('2026-01-05T09:00:00.000Z') };
  const store = new SqliteEventStore({ path: join(dir, 'time-travel.db'), now: () => clock.now });
  await store.init();
  try {
    log(`writing one ASB case of ${CASE_EVENTS} events through the command path`);
    const { caseId, midway } = await longAsbCase(store, clock, CASE_EVENTS);
    const asb = CASE_TYPES.find((d) => d.caseType === 'asb')!;
    const stored = await store.readStream(caseId);
    const asOf = await loadCase(store, asb, caseId, { asOf: midway });
    log(`case ${caseId}: ${stored.length} events; as of ${midway}: revision ${asOf.revision}`);
    const prefix = asOf.events;
    const repeat = (work: () => Promise<unknown>) => async () => {
      for (let i = 0; i < TIME_TRAVEL_READS; i += 1) await work();
    };
    const raw = new Database(join(dir, 'time-travel.db'), { readonly: true });
    const select = raw.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision');
    const timed = await alternate(
      {
        readStream: repeat(() => store.readStream(caseId)),
        asOf: repeat(() => loadCase(store, asb, caseId, { asOf: midway })),
        rawSelect: repeat(async () => (select.all(caseId) as { data: string; metadata: string }[]).map((r) => [JSON.parse(r.data), JSON.parse(r.metadata)])),
        // Where the time goes: the case type's own fold of the same prefix, with nothing read.
        foldOnly: repeat(async () => foldCase(asb, prefix)),
      },
      ROUNDS,
    );
    raw.close();
    const reads = TIME_TRAVEL_READS * ROUNDS;
    const ratio = ratioOf(timed.asOf, timed.readStream);
    return {
      benchmark: 'time travel',
      work: `state as of mid-history (rev ${asOf.revision}) of a ${stored.length}-event case vs readStream of it`,
      subjectPerSecond: Math.round(reads / timed.asOf.seconds),
      baselinePerSecond: Math.round(reads / timed.readStream.seconds),
      unit: 'reads/s',
      ratio: Math.round(ratio * 100) / 100,
      roundRatios: perRound(timed.asOf, timed.readStream),
      references: {
        'raw SELECT + JSON.parse, reads/s': Math.round(reads / timed.rawSelect.seconds),
        'fold of the prefix alone (asb evolve), folds/s': Math.round(reads / timed.foldOnly.seconds),
      },
      goal: `<= ${TIME_TRAVEL_GOAL}x`,
      met: ratio <= TIME_TRAVEL_GOAL,
      ...(stored.length !== CASE_EVENTS ? { invalid: `the case has ${stored.length} events, not ${CASE_EVENTS}` } : {}),
    };
  } finally {
    await store.close();
  }
}

async function chainVerification(dir: string): Promise<Row> {
  const store = new SqliteEventStore({ path: join(dir, 'chains.db') });
  await store.init();
  try {
    const total = CHAIN_STREAMS * CHAIN_PER_STREAM;
    log(`writing ${total.toLocaleString('en-GB')} sealed events (${CHAIN_STREAMS} streams of ${CHAIN_PER_STREAM}) through the store`);
    const started = Date.now();
    await sealedStreams(store, CHAIN_STREAMS, CHAIN_PER_STREAM, CHAIN_BATCH, GENESIS_HASH);
    log(`written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    let verdict = '';
    let readCount = 0;
    const timed = await alternate(
      {
        orderedRead: async () => {
          readCount = 0;
          for (let after = 0; ; ) {
            const page: RecordedEvent[] = await store.readAll({ after, maxCount: PAGE_SIZE });
            if (page.length === 0) break;
            readCount += page.length;
            after = page.at(-1)!.position;
          }
        },
        verify: async () => {
          const result = await verifyStore(store, { batchSize: PAGE_SIZE });
          verdict = result.broken.length === 0 && result.events === total ? '' : `verify found ${result.broken.length} broken streams over ${result.events} events`;
        },
      },
      VERIFY_ROUNDS,
    );
    const events = total * VERIFY_ROUNDS;
    return {
      benchmark: 'hash-chain verify',
      work: `${total.toLocaleString('en-GB')} events in ${CHAIN_STREAMS} streams, pages of ${PAGE_SIZE}, vs readAll of them in order`,
      subjectPerSecond: Math.round(events / timed.verify.seconds),
      baselinePerSecond: Math.round(events / timed.orderedRead.seconds),
      unit: 'events/s',
      ratio: Math.round(ratioOf(timed.verify, timed.orderedRead) * 100) / 100,
      roundRatios: perRound(timed.verify, timed.orderedRead),
      ...(verdict || readCount !== total ? { invalid: verdict || `read ${readCount} events, not ${total}` } : {}),
    };
  } finally {
    await store.close();
  }
}

function table(rows: Row[]): string {
  const header = ['benchmark', 'audit op', 'baseline', 'ratio (time)', 'per round', 'goal'];
  const body = rows.map((r) => [
    r.benchmark,
    `${r.subjectPerSecond.toLocaleString('en-GB')} ${r.unit}`,
    `${r.baselinePerSecond.toLocaleString('en-GB')} ${r.unit}`,
    `${r.ratio.toFixed(2)}x`,
    `${Math.min(...r.roundRatios).toFixed(2)}–${Math.max(...r.roundRatios).toFixed(2)}`,
    r.invalid ? `INVALID: ${r.invalid}` : r.goal ? `${r.goal} ${r.met ? 'met' : 'NOT met'}` : '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = machineInfo();
  log(`${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; scale ${SCALE}`);
  const dir = mkdtempSync(join(process.env.BENCH_SQLITE_DIR ?? tmpdir(), 'casetrail-bench-audit-'));
  try {
    const rows = [await timeTravel(dir), await chainVerification(dir)];
    const finishedAt = new Date();
    process.stdout.write(`\n${table(rows)}\n\n`);
    rows.filter((r) => r.references).forEach((r) => log(`${r.benchmark} reference: ${JSON.stringify(r.references)}`));
    const result = {
      benchmark: 'audit',
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100) },
      config: { scale: SCALE, caseEvents: CASE_EVENTS, timeTravelReadsPerRound: TIME_TRAVEL_READS, chainStreams: CHAIN_STREAMS, chainPerStream: CHAIN_PER_STREAM, pageSize: PAGE_SIZE, rounds: ROUNDS, verifyRounds: VERIFY_ROUNDS },
      method: {
        timeTravel:
          'SQLite file, synchronous=FULL. One ASB case written through handleCommand (ReportAsb, then LogIncident commands) with the store clock a minute ' +
          'per command. Subject: loadCase(store, asb, caseId, { asOf: the instant after half the events }) (reads the stream, cuts it at asOf, upcasts and folds). ' +
          'Baseline: store.readStream(caseId). References: better-sqlite3 SELECT ordered by revision + JSON.parse of data and metadata; ' +
          'foldCase of the already-read prefix (the case type\'s evolve alone, no I/O).',
        chainVerify:
          'SQLite file. Events (~300 B data, ~300 B metadata) sealed beforehand with eventHash and appended in batches of 500 through store.append. ' +
          'Subject: verifyStore(store) (one pass over readAll pages, recomputing each SHA-256 link). Baseline: the same readAll pages with nothing done to them.',
        rounds: 'One warm-up pass of each side, then rounds alternating which side goes first; ratio = subject seconds ÷ baseline seconds over all rounds.',
      },
      rows,
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    const json = `${JSON.stringify(result, null, 2)}\n`;
    writeFileSync(join(__dirname, 'results', `audit-${startedAt.toISOString().replace(/:/g, '-')}.json`), json);
    writeFileSync(join(__dirname, 'results', 'audit-latest.json'), json);
    log('results in bench/results/audit-latest.json');
    if (rows.some((r) => r.invalid)) process.exitCode = 1;
  } finally {
    if (process.env.BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
