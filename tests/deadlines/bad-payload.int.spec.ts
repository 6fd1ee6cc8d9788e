import { loadConfig } from '@casetrail/shared';
import { DEFAULT_PREFIX, JOB_NAMES, QueuedDeadlines } from '@casetrail/scheduling';
import { jobsCommand } from '../../apps/cli/src/commands/jobs.command';
import { describeWithRedis } from '../support/services';
import { Casework, eventually } from './support/casework';
import { queuedDeadlines } from './support/queued';
import { deleteKeys, REDIS_DBS, redisUrlFor } from './support/redis-db';

// Hang guards, not speed checks: each wait below ends as soon as its condition holds.
jest.setTimeout(120_000);

const url = redisUrlFor(REDIS_DBS.badPayload);

describeWithRedis('deadlines on BullMQ: a job whose payload fails its schema', () => {
  let casework: Casework;
  let deadlines: QueuedDeadlines;

  beforeAll(async () => {
    await deleteKeys(url, DEFAULT_PREFIX);
    casework = await Casework.start();
    // The CLI reads the default prefix and queue name, as it would in production.
    deadlines = queuedDeadlines(casework, url, DEFAULT_PREFIX);
    await deadlines.start();
  });
  afterAll(async () => {
    await deadlines.stop();
    await casework.close();
    await deleteKeys(url, DEFAULT_PREFIX);
  });

  async function cli(args: string[]) {
    const lines: string[] = [];
    const code = await jobsCommand.run(args, { store: casework.store, config: loadConfig({ CASETRAIL_REDIS_URL: url }), out: (line) => lines.push(line) });
    return { code, lines };
  }

  it('goes to the failed list at once with the reason, and the worker carries on with the next deadline', async () => {
    const queue = deadlines.scheduler.queue;
    await queue.add(JOB_NAMES.expireDeadline, { caseId: 42, deadlineId: 'asb-x/ASB_TRIAGE_DUE', dueAt: 'tomorrow' }, { jobId: 'malformed-1' });
    expect(await eventually(async () => (await queue.getJobState('malformed-1')) === 'failed')).toBe(true);

    const [failed] = await deadlines.scheduler.listFailed(10);
    expect(failed).toMatchObject({ jobId: 'malformed-1', name: 'expire-deadline', attemptsMade: 1, caseId: null, deadlineId: 'asb-x/ASB_TRIAGE_DUE' });
    expect(failed!.failedReason).toMatch(/^invalid expire-deadline payload: /);
    expect(failed!.failedReason).toContain('caseId');
    expect(failed!.failedReason).toContain('dueAt');

    const next = await casework.reportAsb(new Date(Date.now() + 500));
    expect(await eventually(async () => (await casework.missedByCase()).get(next.caseId) === 1)).toBe(true);
  });

  it('is listed by `npm run cli -- jobs failed`, one JSON object per line', async () => {
    const { code, lines } = await cli(['failed']);
    expect(code).toBe(0);
    expect(lines.map((line) => JSON.parse(line) as { jobId: string })).toEqual([expect.objectContaining({ jobId: 'malformed-1' })]);
    expect(await cli(['retry', 'no-such-job'])).toEqual({ code: 1, lines: ['jobs: no failed job no-such-job'] });
    expect((await cli(['sideways'])).code).toBe(64);
  });

  it('tells the operator to use the API when there is no Redis', async () => {
    const lines: string[] = [];
    const code = await jobsCommand.run(['failed'], { store: casework.store, config: loadConfig({}), out: (line) => lines.push(line) });
    expect({ code, said: lines[0] }).toEqual({ code: 69, said: expect.stringContaining('GET /api/admin/jobs/failed') });
  });
});
