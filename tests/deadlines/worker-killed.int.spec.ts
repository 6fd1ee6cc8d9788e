import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { BullmqDeadlineScheduler, DeadlineExpiry, DeadlineProcessor, DeadlineWorker } from '@casetrail/scheduling';
import { describeWithRedis } from '../support/services';
import { Casework, eventually } from './support/casework';
import { pendingDeadlineJobs } from './support/queued';
import { deleteKeys, REDIS_DBS, redisUrlFor, runPrefix } from './support/redis-db';
import { STALL_SETTINGS } from './support/stall-settings';

// Hang guards, not speed checks: each wait below ends as soon as its condition holds.
jest.setTimeout(180_000);

const url = redisUrlFor(REDIS_DBS.workerKilled);
const prefix = runPrefix('worker-killed');
const ROOT = join(__dirname, '..', '..');

function startChildWorker(sqlitePath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'support', 'deadline-worker.child.ts')], {
    cwd: ROOT,
    env: { ...process.env, DEADLINE_REDIS_URL: url, DEADLINE_PREFIX: prefix, DEADLINE_SQLITE_PATH: sqlitePath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`child worker exited (${code}) before it was ready: ${errors}`)));
  });
}

describeWithRedis('deadlines on BullMQ: a worker killed with SIGKILL mid-batch', () => {
  let casework: Casework;
  let scheduler: BullmqDeadlineScheduler;
  let processor: DeadlineProcessor;
  let child: ChildProcess | undefined;
  let survivor: DeadlineWorker | undefined;

  beforeAll(async () => {
    casework = await Casework.start();
    scheduler = new BullmqDeadlineScheduler({ url, prefix });
    processor = new DeadlineProcessor(casework.store, casework.db, scheduler);
    await processor.start();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await survivor?.close();
    await processor.stop();
    await scheduler.close();
    await casework.close();
    await deleteKeys(url, prefix);
  });

  it('gives the dead worker’s jobs to another worker, and no deadline is missed twice', async () => {
    const cases = [];
    const dueAt = new Date(Date.now() + 1500);
    for (let i = 0; i < 600; i += 1) cases.push(await casework.reportAsb(dueAt));
    expect(await processor.waitFor(await casework.store.headPosition(), 30_000)).toBe(true);

    child = await startChildWorker(casework.path);
    expect(await eventually(async () => (await casework.missedCount()) >= 150, 60_000, 10)).toBe(true);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    const activeAtKill = await scheduler.queue.getActiveCount();
    const missedAtKill = await casework.missedCount();
    expect(activeAtKill).toBeGreaterThan(0); // it died holding jobs
    expect(missedAtKill).toBeLessThan(600); // and with work left

    let stalled = 0;
    survivor = new DeadlineWorker(
      { fire: new DeadlineExpiry(casework.runtime).fire, reconcile: async () => undefined, escalationSweep: async () => undefined },
      { url, prefix, ...STALL_SETTINGS },
    );
    survivor.worker.on('stalled', () => (stalled += 1));
    expect(await eventually(async () => (await casework.missedCount()) >= 600 && (await pendingDeadlineJobs(scheduler.queue)) === 0, 90_000)).toBe(true);

    expect(stalled).toBe(activeAtKill);
    const missed = await casework.missedByCase();
    expect(cases.filter((c) => missed.get(c.caseId) !== 1)).toEqual([]);
    expect(await scheduler.listFailed(10)).toEqual([]);
  });
});
