import { QueuedDeadlines } from '@casetrail/scheduling';
import { describeWithRedis } from '../support/services';
import { Casework, eventually } from './support/casework';
import { pendingDeadlineJobs, queuedDeadlines } from './support/queued';
import { deleteKeys, REDIS_DBS, redisUrlFor, runPrefix } from './support/redis-db';

// Hang guards, not speed checks: each wait below ends as soon as its condition holds.
jest.setTimeout(180_000);

const url = redisUrlFor(REDIS_DBS.flushed);
const prefix = runPrefix('flushed');

describeWithRedis('deadlines on BullMQ: Redis loses everything', () => {
  let casework: Casework;
  let deadlines: QueuedDeadlines;

  beforeEach(async () => {
    casework = await Casework.start();
    // The check for lost Job Schedulers runs often here so the test need not wait minutes for it.
    deadlines = queuedDeadlines(casework, url, prefix, { redisCheckEveryMs: 500 });
    await deadlines.start();
  });
  afterEach(async () => {
    await deadlines.stop();
    await casework.close();
  });
  afterAll(() => deleteKeys(url, prefix));

  it('fires every deadline once when Redis loses every key of the queue (as FLUSHDB does) after some fired and before the rest are due', async () => {
    const early = [];
    for (let i = 0; i < 100; i += 1) early.push(await casework.reportAsb(new Date(Date.now() + 1000 + i * 10)));
    const late = [];
    for (let i = 0; i < 100; i += 1) late.push(await casework.reportAsb(new Date(Date.now() + 6000 + i * 10)));
    expect(await deadlines.processor.waitFor(await casework.store.headPosition(), 10_000)).toBe(true);

    expect(await eventually(async () => (await casework.missedCount()) === 100)).toBe(true);
    // What FLUSHDB does to the queue, without touching another run's keys in this database.
    expect(await deleteKeys(url, prefix)).toBeGreaterThan(0);
    expect(await pendingDeadlineJobs(deadlines.scheduler.queue)).toBe(0); // the late deadlines' jobs are gone

    // Nothing but the store knows of them now: the periodic check notices and reconciles.
    expect(await eventually(async () => (await pendingDeadlineJobs(deadlines.scheduler.queue)) === 100, 30_000)).toBe(true);
    expect(await eventually(async () => (await casework.missedCount()) >= 200)).toBe(true);
    expect(await eventually(async () => (await pendingDeadlineJobs(deadlines.scheduler.queue)) === 0)).toBe(true);
    const missed = await casework.missedByCase();
    expect([...early, ...late].filter((d) => missed.get(d.caseId) !== 1)).toEqual([]);
  });
});
