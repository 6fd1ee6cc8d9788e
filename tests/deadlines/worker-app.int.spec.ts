import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { BullmqDeadlineScheduler, DEFAULT_PREFIX } from '@casetrail/scheduling';
import { describeWithRedis } from '../support/services';
import { Casework, eventually } from './support/casework';
import { pendingDeadlineJobs } from './support/queued';
import { deleteKeys, REDIS_DBS, redisUrlFor } from './support/redis-db';
import { captureLog } from '../support/captured-logs';

// Hang guards, not speed checks: each wait below ends as soon as its condition holds.
jest.setTimeout(180_000);

const url = redisUrlFor(REDIS_DBS.workerApp);
const ROOT = join(__dirname, '..', '..');

/** `npm run start:worker` as it ships, on this test's SQLite file and Redis database. */
function startWorkerApp(sqlitePath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps', 'worker', 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, CASETRAIL_STORE: 'sqlite', CASETRAIL_SQLITE_PATH: sqlitePath, CASETRAIL_REDIS_URL: url, CASETRAIL_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      captureLog(chunk.toString());
      if (output.includes('deadline worker running')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
}

describeWithRedis('apps/worker: deadlines on Redis, stopped with SIGTERM', () => {
  let casework: Casework;
  let queue: BullmqDeadlineScheduler;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    await deleteKeys(url, DEFAULT_PREFIX);
    casework = await Casework.start();
    queue = new BullmqDeadlineScheduler({ url });
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await queue.close();
    await casework.close();
    await deleteKeys(url, DEFAULT_PREFIX);
  });

  it('finishes the jobs under way before it exits, and a restarted worker fires the rest, each once', async () => {
    worker = await startWorkerApp(casework.path);
    const dueAt = new Date(Date.now() + 1000);
    const cases = [];
    for (let i = 0; i < 400; i += 1) cases.push(await casework.reportAsb(dueAt));
    expect(await eventually(async () => (await casework.missedCount()) >= 50, 60_000, 10)).toBe(true);

    const exited = new Promise<NodeJS.Signals | null>((resolve) => worker!.once('exit', (_code, signal) => resolve(signal)));
    worker.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM'); // Nest's shutdown hooks ran, then re-raised the signal
    expect(await queue.queue.getActiveCount()).toBe(0); // nothing was left half-done for the stall check
    expect(await casework.missedCount()).toBeLessThan(400); // it stopped mid-batch, with work left

    worker = await startWorkerApp(casework.path);
    expect(await eventually(async () => (await casework.missedCount()) >= 400 && (await pendingDeadlineJobs(queue.queue)) === 0, 90_000)).toBe(true);
    const missed = await casework.missedByCase();
    expect(cases.filter((c) => missed.get(c.caseId) !== 1)).toEqual([]);
    expect(await queue.listFailed(10)).toEqual([]);
  });
});
