/**
 * Deadline firing: how late after its due time a deadline's DeadlineMissed reaches the store, and
 * how many deadlines per second the worker fires, beside a bare BullMQ worker doing nothing on the
 * same Redis in the same run. `npm run bench:deadlines`; results in bench/results/deadlines-*.json.
 *
 *   BENCH_SCALE=0.05            smoke run (500 deadlines per phase); figures meaningless
 *   BENCH_WINDOW_S=20           the window a steady flow of deadlines falls due over
 *   BENCH_CONCURRENCY=32        worker concurrency, for both workers (default: the worker's own)
 *   CASETRAIL_BENCH_REDIS_URL   default redis://127.0.0.1:6379/8; that database is emptied
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { DEFAULT_DEADLINE_CONCURRENCY, QueuedDeadlines, workerConnection, producerConnection } from '@casetrail/scheduling';
import { Casework } from '../tests/deadlines/support/casework';
import { figures, Firing, MissedCollector, PhaseFigures, sleep } from './deadlines/measure';
import { pastDueDeadlines } from './deadlines/past-due';
import { machineInfo } from './store/machine';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const DEADLINES = Math.max(10, Math.round(10_000 * SCALE));
const WINDOW_MS = Number(process.env.BENCH_WINDOW_S ?? 20) * 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? DEFAULT_DEADLINE_CONCURRENCY);
const REDIS_URL = process.env.CASETRAIL_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/8';
const GOALS = { p99LatenessMs: 1000, throughputOverBare: 0.5 };

const log = (msg: string) => console.log(`[bench:deadlines] ${msg}`);

/** Due times: all at `startMs` (a burst), or evenly over the window (a steady flow). */
function dueTimes(startMs: number, shape: 'burst' | 'spread'): number[] {
  return Array.from({ length: DEADLINES }, (_, i) => (shape === 'burst' ? startMs : startMs + Math.floor((i * WINDOW_MS) / DEADLINES)));
}

async function flushBenchDb(): Promise<void> {
  const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  await client.flushdb();
  client.disconnect();
}

// --- Bare BullMQ: delayed no-op jobs, same Redis, same concurrency ----------------------------

async function bareBullmq(shape: 'burst' | 'spread'): Promise<PhaseFigures> {
  const prefix = `bench-bare-${shape}`;
  const queue = new Queue('bare', { connection: producerConnection(REDIS_URL), prefix });
  const worker = new Worker('bare', async () => undefined, { connection: workerConnection(REDIS_URL), prefix, concurrency: CONCURRENCY });
  await worker.waitUntilReady();
  const start = Date.now() + 3000;
  const due = dueTimes(start, shape);
  for (let i = 0; i < due.length; i += 1000) {
    await queue.addBulk(due.slice(i, i + 1000).map((dueAtMs, j) => ({ name: 'noop', data: { dueAtMs }, opts: { jobId: `bare-${i + j}`, delay: Math.max(0, dueAtMs - Date.now()) } })));
  }
  if (Date.now() > start) log(`bare ${shape}: adding the jobs overran the first due time by ${Date.now() - start} ms`);
  while ((await queue.getCompletedCount()) < DEADLINES) await sleep(200);
  const firings: Firing[] = [];
  for (let i = 0; i < DEADLINES; i += 1000) {
    const jobs: Job[] = await queue.getCompleted(i, i + 999);
    jobs.forEach((job) => firings.push({ dueAtMs: (job.data as { dueAtMs: number }).dueAtMs, startedAtMs: job.processedOn!, doneAtMs: job.finishedOn! }));
  }
  await worker.close();
  await queue.close();
  return figures(firings);
}

// --- Casetrail: cases through the command path, processor, BullMQ worker, ExpireDeadline -----

async function casetrail(shape: 'burst' | 'spread'): Promise<PhaseFigures & { createdPerSecond: number; allArmedBeforeDue: boolean }> {
  const casework = await Casework.start();
  const deadlines = new QueuedDeadlines({
    url: REDIS_URL,
    prefix: `bench-casetrail-${shape}`,
    runtime: casework.runtime,
    db: casework.db,
    worker: { concurrency: CONCURRENCY },
    reconcileEveryMs: 3_600_000,
    sweepEveryMs: 3_600_000,
  });
  await deadlines.start();
  try {
    // A pilot (reported and armed) sets how far ahead the deadlines must fall due for every one
    // to be armed before the first is due: lateness is measured, not the set-up.
    const pilotStarted = Date.now();
    for (let i = 0; i < 500; i += 1) await casework.reportAsb(new Date(Date.now() + 24 * 3_600_000));
    await deadlines.processor.waitFor(await casework.store.headPosition(), 600_000);
    const createdPerSecond = Math.round(500 / ((Date.now() - pilotStarted) / 1000));
    const start = Date.now() + Math.ceil((DEADLINES / createdPerSecond) * 2000) + 10_000;
    for (const dueAtMs of dueTimes(start, shape)) await casework.reportAsb(new Date(dueAtMs));
    await deadlines.processor.waitFor(await casework.store.headPosition(), 600_000);
    const allArmedBeforeDue = Date.now() < start;
    log(`casetrail ${shape}: ${allArmedBeforeDue ? `all armed ${start - Date.now()} ms before the first due time` : `arming overran the first due time by ${Date.now() - start} ms`}`);
    const missed = new MissedCollector(casework.store);
    while ((await missed.collect()) < DEADLINES) await sleep(500);
    return { ...figures(missed.firings), createdPerSecond, allArmedBeforeDue };
  } finally {
    await deadlines.stop();
    await casework.close();
  }
}

// --- The command path alone: ExpireDeadline sent straight to handleCommand, no queue --------

/** What the store and the command path allow with no Redis at all: the ceiling for any worker. */
async function commandPathAlone(): Promise<{ deadlines: number; jobsPerSecond: number }> {
  const casework = await Casework.start();
  try {
    const deadlines = await pastDueDeadlines(casework, DEADLINES);
    const started = Date.now();
    await deadlines.fireAll(CONCURRENCY);
    return { deadlines: deadlines.count, jobsPerSecond: Math.round(deadlines.count / ((Date.now() - started) / 1000)) };
  } finally {
    await casework.close();
  }
}

function row(name: string, f: PhaseFigures): string {
  const ms = (v: number) => `${Math.round(v)} ms`.padStart(9);
  return `${name.padEnd(22)} ${String(f.deadlines).padStart(6)}  start p50 ${ms(f.startLatenessMs.p50)} p99 ${ms(f.startLatenessMs.p99)}  done p50 ${ms(f.doneLatenessMs.p50)} p99 ${ms(f.doneLatenessMs.p99)}  ${String(f.jobsPerSecond).padStart(6)} jobs/s`;
}

async function main(): Promise<void> {
  const machine = machineInfo();
  log(`${DEADLINES} deadlines per phase, spread over ${WINDOW_MS / 1000} s or all at once; concurrency ${CONCURRENCY}; Redis ${REDIS_URL}`);
  await flushBenchDb();
  const bareSpread = await bareBullmq('spread');
  log(row('bare BullMQ, spread', bareSpread));
  const casetrailSpread = await casetrail('spread');
  log(row('Casetrail, spread', casetrailSpread));
  const bareBurst = await bareBullmq('burst');
  log(row('bare BullMQ, burst', bareBurst));
  const casetrailBurst = await casetrail('burst');
  log(row('Casetrail, burst', casetrailBurst));
  const alone = await commandPathAlone();
  log(`${'command path alone'.padEnd(22)} ${String(alone.deadlines).padStart(6)}  ExpireDeadline through handleCommand, no queue: ${alone.jobsPerSecond} jobs/s`);
  await flushBenchDb();

  const ratio = Math.round((casetrailBurst.jobsPerSecond / bareBurst.jobsPerSecond) * 100) / 100;
  const goals = {
    p99LatenessMs: { goal: GOALS.p99LatenessMs, measured: casetrailSpread.doneLatenessMs.p99, met: casetrailSpread.doneLatenessMs.p99 <= GOALS.p99LatenessMs },
    throughputOverBare: { goal: GOALS.throughputOverBare, measured: ratio, met: ratio >= GOALS.throughputOverBare },
  };
  log(`goal p99 lateness <= ${GOALS.p99LatenessMs} ms (steady flow, DeadlineMissed recorded): ${goals.p99LatenessMs.measured} ms ${goals.p99LatenessMs.met ? 'MET' : 'NOT MET'}`);
  log(`goal throughput >= ${GOALS.throughputOverBare}x bare BullMQ (burst): ${ratio}x ${goals.throughputOverBare.met ? 'MET' : 'NOT MET'}`);

  const result = {
    benchmark: 'deadlines',
    at: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: (await import('node:os')).loadavg().map((l) => Math.round(l * 100) / 100) },
    settings: { deadlines: DEADLINES, windowSeconds: WINDOW_MS / 1000, concurrency: CONCURRENCY, store: 'sqlite (WAL, synchronous=FULL)', redis: REDIS_URL },
    method:
      'Each phase arms every deadline before the first is due. Spread: due times evenly over the window; burst: all due at one instant. ' +
      'Casetrail: ASB reports through handleCommand (triage due 24 h after the report, backdated), the checkpointed processor arms BullMQ jobs, ' +
      'the worker sends ExpireDeadline through handleCommand; start = the command time, done = recordedAt of DeadlineMissed. ' +
      'Bare: BullMQ jobs with the same due times and a no-op processor; start = processedOn, done = finishedOn. ' +
      'jobs/s = deadlines / (last done - first due). Command path alone: the same ExpireDeadline commands sent straight to ' +
      'handleCommand with the same concurrency and no queue, the ceiling any worker on this store can reach.',
    phases: { bareSpread, casetrailSpread, bareBurst, casetrailBurst, commandPathAlone: alone },
    goals,
  };
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(join(dir, `deadlines-${result.at.replace(/:/g, '-')}.json`), text);
  writeFileSync(join(dir, 'deadlines-latest.json'), text);
  log(`written to bench/results/deadlines-latest.json`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
