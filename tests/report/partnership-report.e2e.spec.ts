import { describeWithPostgres } from '../support/services';
import { StoreKind, startTestApi, TestApi } from '../support/api-app';
import { asbReport } from '../e2e/api-fixtures';

const YEAR = '/api/reports/partnership?from=2025-04-01&to=2026-03-31';

const daReferral = {
  type: 'da-referral',
  data: {
    source: 'police',
    referringAgency: 'kent-police',
    victim: { name: 'Maria Restricted', dateOfBirth: '1990-05-17', address: '1 Example Road, Tonbridge', gender: 'female' },
    perpetrator: { name: 'Sam Example', relationshipToVictim: 'current-partner' },
    childrenInHousehold: 1,
    incidentsInLast12Months: 1,
  },
};

function partnershipReportSuite(kind: StoreKind): void {
  let api: TestApi;
  let manager: string;
  let daCaseId: string;
  let position: number;

  beforeAll(async () => {
    api = await startTestApi(kind, '2026-03-02T10:00:00.000Z');
    // Of an agency not involved in the referral, without the DA permission.
    manager = await api.token({ role: 'manager', agency: 'tmbc', daAccess: false });
    const caseworker = await api.token({ role: 'caseworker', agency: 'tmbc' });
    const idva = await api.token({ role: 'caseworker', agency: 'davss', daAccess: true });
    await api.http().post('/api/cases').set('Authorization', `Bearer ${caseworker}`).send(asbReport()).expect(201);
    // A referral received at 00:30 on 1 April 2025, BST: 31 March in UTC, the new year in London.
    api.clock.now = new Date('2025-03-31T23:30:00.000Z');
    const opened = await api.http().post('/api/cases').set('Authorization', `Bearer ${idva}`).send(daReferral).expect(201);
    daCaseId = opened.body.caseId;
    position = opened.body.position;
  });
  afterAll(() => api?.close());

  const get = (path: string, token = manager) => api.http().get(path).set('Authorization', `Bearer ${token}`);

  it('counts every case, restricted ones included, for a manager who may not see them, and shows none', async () => {
    const res = await get(`${YEAR}&consistentWith=${position}`).expect(200);
    expect(res.body.asb.casesOpened).toBe(1);
    expect(res.body.domesticAbuse.referrals).toEqual({
      total: 1,
      byRiskLevel: { standard: 0, medium: 0, high: 0, 'not-assessed': 1 },
      byVictimGender: { female: 1, male: 0, 'non-binary': 0, 'not-known': 0 },
    });
    expect(res.body.domesticAbuse.previousYear).toMatchObject({ period: { from: '2024-04-01', to: '2025-03-31' }, referrals: { total: 0 } });
    expect(JSON.stringify(res.body)).not.toMatch(/da-referral-|asb-|Maria|Restricted|Jane/);
    await get(`/api/cases/${daCaseId}`).expect(404);
  });

  it('reports money in pence and pounds, and nothing for a period before the cases', async () => {
    const res = await get('/api/reports/partnership?from=2024-04-01&to=2025-03-31').expect(200);
    expect(res.body.asb.casesOpened).toBe(0);
    expect(res.body.domesticAbuse.referrals.total).toBe(0);
    expect(res.body.cpwCpn.prosecutions.fines).toEqual({ pence: 0, gbp: '0.00' });
  });

  it.each([
    ['no dates', '', ['query.from', 'query.to']],
    ['a date that does not exist', '?from=2025-02-29&to=2026-03-31', ['query.from']],
    ['a date in another format', '?from=2025-04-01&to=31/03/2026', ['query.to']],
    ['from after to', '?from=2026-04-01&to=2026-03-31', ['query.from']],
    ['an unknown parameter', '?from=2025-04-01&to=2026-03-31&agency=tmbc', ['query']],
  ])('answers %s with 400, naming the field', async (_name, query, paths) => {
    const res = await get(`/api/reports/partnership${query}`).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('QUERY_INVALID');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
  });

  it('is refused to caseworkers (403), whose work is cases, not the published figures', async () => {
    const res = await get(YEAR, await api.token({ role: 'caseworker', agency: 'tmbc', daAccess: true })).expect(403);
    expect(res.body.code).toBe('ACTION_FORBIDDEN');
  });
}

describe('partnership report over HTTP on SQLite', () => partnershipReportSuite('sqlite'));
describeWithPostgres('partnership report over HTTP on PostgreSQL', () => partnershipReportSuite('postgres'));
