import { BullmqDeadlineScheduler, DEFAULT_PREFIX, DeadlineWorker, JOB_NAMES, PermanentFiringError } from '@casetrail/scheduling';
import { startTestApi, TestApi } from '../support/api-app';
import { describeWithRedis } from '../support/services';
import { asbReport } from '../e2e/api-fixtures';
import { eventually } from './support/casework';
import { deleteKeys, REDIS_DBS, redisUrlFor } from './support/redis-db';

// Hang guards, not speed checks: each wait below ends as soon as its condition holds.
jest.setTimeout(60_000);

const url = redisUrlFor(REDIS_DBS.adminApi);

/** A domestic-abuse referral: restricted to the DA permission and the agencies involved. */
const daReferral = {
  type: 'da-referral',
  data: {
    source: 'police',
    referringAgency: 'kent-police',
    victim: { name: 'Alex Example', dateOfBirth: '1990-05-17', address: '1 Example Road, Tonbridge TN9 1AA', gender: 'female' },
    perpetrator: { name: 'Sam Example', relationshipToVictim: 'current-partner' },
    childrenInHousehold: 0,
    incidentsInLast12Months: 1,
  },
};

describe('GET /api/admin/jobs/failed in the embedded default', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite', undefined, { deadlines: 'armed' });
  });
  afterAll(() => api.close());

  it('answers admins with the in-process scheduler’s failed jobs, and no one else', async () => {
    const admin = await api.token({ role: 'admin' });
    expect((await api.http().get('/api/admin/jobs/failed').set('Authorization', `Bearer ${admin}`)).body).toEqual({ items: [] });
    const manager = await api.token({ role: 'manager' });
    expect((await api.http().get('/api/admin/jobs/failed').set('Authorization', `Bearer ${manager}`)).status).toBe(403);
    expect((await api.http().get('/api/admin/jobs/failed?limit=0').set('Authorization', `Bearer ${admin}`)).status).toBe(400);
  });
});

describeWithRedis('GET /api/admin/jobs/failed with Redis', () => {
  let api: TestApi;
  let queue: BullmqDeadlineScheduler;
  let worker: DeadlineWorker;
  let asbCase: string;
  let daCase: string;

  beforeAll(async () => {
    await deleteKeys(url, DEFAULT_PREFIX);
    api = await startTestApi('sqlite', new Date().toISOString(), { env: { CASETRAIL_REDIS_URL: url } });
    const tmbc = await api.token({ role: 'caseworker', agency: 'tmbc' });
    const police = await api.token({ role: 'caseworker', agency: 'kent-police' });
    asbCase = (await api.http().post('/api/cases').set('Authorization', `Bearer ${tmbc}`).send(asbReport())).body.caseId;
    const opened = await api.http().post('/api/cases').set('Authorization', `Bearer ${police}`).send(daReferral);
    expect(opened.status).toBe(201);
    daCase = opened.body.caseId;
    const listed = await api.http().get(`/api/cases?consistentWith=${opened.body.position}`).set('Authorization', `Bearer ${police}`);
    expect(listed.status).toBe(200); // the case summaries now hold both cases

    // Jobs that fail for good: one per case, and one whose payload is not a deadline at all.
    queue = new BullmqDeadlineScheduler({ url });
    worker = new DeadlineWorker(
      {
        fire: async () => {
          throw new PermanentFiringError('CASE_TYPE_GONE: test failure');
        },
        reconcile: async () => undefined,
        escalationSweep: async () => undefined,
      },
      { url },
    );
    const past = new Date(Date.now() - 60_000).toISOString();
    await queue.schedule(`${asbCase}/ASB_TRIAGE_DUE`, past, { caseId: asbCase, revision: 1 });
    await queue.schedule(`${daCase}/DA_FIRST_CONTACT_DUE`, past, { caseId: daCase, revision: 1 });
    await queue.queue.add(JOB_NAMES.expireDeadline, { nonsense: true }, { jobId: 'malformed-1' });
    expect(await eventually(async () => (await queue.queue.getFailedCount()) === 3)).toBe(true);
  });
  afterAll(async () => {
    await worker.close();
    await queue.close();
    await api.close();
    await deleteKeys(url, DEFAULT_PREFIX);
  });

  const failedJobs = async (token: string) => {
    const res = await api.http().get('/api/admin/jobs/failed').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return res.body.items as { jobId: string; caseId: string | null; failedReason: string }[];
  };

  it('lists the failed jobs with their reasons, hiding a restricted case’s jobs from an admin without the DA permission', async () => {
    const admin = await api.token({ role: 'admin', agency: 'tmbc', daAccess: false });
    const items = await failedJobs(admin);
    expect(items.map((i) => i.caseId).sort()).toEqual([asbCase, null].sort());
    expect(items.find((i) => i.caseId === asbCase)?.failedReason).toBe('CASE_TYPE_GONE: test failure');
    expect(items.find((i) => i.caseId === null)?.failedReason).toMatch(/^invalid expire-deadline payload/);
  });

  it('shows them to an admin with the DA permission, and records that read in the access log', async () => {
    const cleared = await api.token({ role: 'admin', userId: 'admin-da', agency: 'tmbc', daAccess: true });
    expect((await failedJobs(cleared)).map((i) => i.caseId)).toContain(daCase);
    const log = await api.http().get(`/api/audit/access?caseId=${daCase}&userId=admin-da`).set('Authorization', `Bearer ${cleared}`);
    expect(log.body.items).toEqual([expect.objectContaining({ caseId: daCase, endpoint: 'GET /api/admin/jobs/failed' })]);
  });

  it('shows them to an admin of an agency involved in the case', async () => {
    const police = await api.token({ role: 'admin', userId: 'admin-police', agency: 'kent-police', daAccess: false });
    expect((await failedJobs(police)).map((i) => i.caseId)).toContain(daCase);
  });
});
