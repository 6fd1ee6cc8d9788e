import { deadlineJobId, QueuedDeadlines } from '@casetrail/scheduling';
import { describeWithRedis } from '../support/services';
import { Casework, eventually } from './support/casework';
import { pendingDeadlineJobs, queuedDeadlines } from './support/queued';
import { deleteKeys, REDIS_DBS, redisUrlFor, runPrefix } from './support/redis-db';

// Hang guards, not speed checks: each wait below ends as soon as its condition holds.
jest.setTimeout(180_000);

const url = redisUrlFor(REDIS_DBS.exactlyOnce);
const prefix = runPrefix('exactly-once');

describeWithRedis('deadlines on BullMQ: exactly one DeadlineMissed per deadline', () => {
  let casework: Casework;
  let deadlines: QueuedDeadlines;

  beforeEach(async () => {
    await deleteKeys(url, prefix);
    casework = await Casework.start();
    deadlines = queuedDeadlines(casework, url, prefix);
    await deadlines.start();
  });
  afterEach(async () => {
    await deadlines.stop();
    await casework.close();
  });
  afterAll(() => deleteKeys(url, prefix));

  it('records one DeadlineMissed for each of 1,000 deadlines falling due 1 to 3 seconds after they are set, with two workers', async () => {
    // A second worker process's worth: its own processor arms the same deadlines, its worker competes for the jobs.
    const replica = queuedDeadlines(casework, url, prefix);
    await replica.start();
    const caseIds: string[] = [];
    for (let i = 0; i < 1000; i += 1) {
      // Each report's triage falls due 1 to 3 s after it is made, spread over the window.
      const opened = await casework.reportAsb(new Date(Date.now() + 1000 + ((i * 7) % 2000)));
      caseIds.push(opened.caseId);
    }
    expect(await eventually(async () => (await casework.missedCount()) >= 1000, 120_000, 200)).toBe(true);
    // Whatever else is still queued runs out, and re-arming everything adds nothing.
    await deadlines.reconcile();
    expect(await eventually(async () => (await pendingDeadlineJobs(deadlines.scheduler.queue)) === 0, 60_000, 200)).toBe(true);
    await replica.stop();
    const missed = await casework.missedByCase();
    expect(caseIds.filter((caseId) => missed.get(caseId) !== 1)).toEqual([]);
    expect(missed.size).toBe(1000);
    // Two processors and a reconcile armed each deadline; deterministic ids made that one job each.
    const completed = await deadlines.scheduler.queue.getJobs(['completed']);
    expect(completed.filter((job) => job?.name === 'expire-deadline')).toHaveLength(1000);
    // Each miss released its deadline: Redis keeps no bookkeeping for deadlines that are closed.
    expect(await deadlines.processor.waitFor(await casework.store.headPosition(), 10_000)).toBe(true);
    expect(await deadlines.scheduler.armedCount()).toBe(0);
  });

  it('records nothing for a deadline met in time, and removes its job', async () => {
    const met = await casework.reportAsb(new Date(Date.now() + 2000));
    const sentinel = await casework.reportAsb(new Date(Date.now() + 3000));
    expect(await deadlines.processor.waitFor(await casework.store.headPosition(), 10_000)).toBe(true);
    expect(await deadlines.scheduler.queue.getJob(deadlineJobId(met.deadlineId, met.revision))).toBeDefined();

    await casework.assessRisk(met.caseId);
    expect(await deadlines.processor.waitFor(await casework.store.headPosition(), 10_000)).toBe(true);
    expect(await deadlines.scheduler.queue.getJob(deadlineJobId(met.deadlineId, met.revision))).toBeUndefined();

    expect(await eventually(async () => (await casework.missedByCase()).get(sentinel.caseId) === 1)).toBe(true);
    expect((await casework.missedByCase()).get(met.caseId)).toBeUndefined();
  });
});
