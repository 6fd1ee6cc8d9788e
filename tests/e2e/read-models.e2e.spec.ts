import { describeWithPostgres } from '../support/services';
import { StoreKind, startTestApi, TestApi } from '../support/api-app';
import {
  assessAsbRisk,
  assessDaRisk,
  assignCase,
  expireDeadline,
  markRestricted,
  receiveReferral,
  referToMarac,
  reportAsb,
} from '../../libs/projections/src/escalation-queue/testing/casework-commands';

type Body = { type: string; data: unknown };

/** The managers' read models over HTTP: escalation queue, caseloads, counts, and repeat matches at intake. */
function readModelsSuite(kind: StoreKind) {
  let api: TestApi;
  let caseworker: string;
  let manager: string;
  beforeAll(async () => {
    api = await startTestApi(kind, '2026-03-02T10:00:00.000Z');
    caseworker = await api.token({ role: 'caseworker', agency: 'tmbc' });
    manager = await api.token({ role: 'manager', userId: 'manager-1', agency: 'tmbc' });
  });
  afterAll(() => api.close());
  beforeEach(() => {
    api.clock.now = new Date('2026-03-02T10:00:00.000Z');
  });

  const at = (instant: string) => (api.clock.now = new Date(instant));
  const open = async (type: string, command: Body, token = caseworker) => {
    const res = await api.http().post('/api/cases').set('Authorization', `Bearer ${token}`).send({ type, data: command.data });
    expect(res.status).toBe(201);
    return res.body as { caseId: string; position: number; repeatMatches?: { caseId: string; matchedOn: string }[] };
  };
  /** Sends a command with If-Match at the case's current revision, as a client that just read it would. */
  const send = async (caseId: string, command: Body, token = caseworker) => {
    const current = await api.http().get(`/api/cases/${caseId}`).set('Authorization', `Bearer ${token}`);
    const res = await api.http().post(`/api/cases/${caseId}/commands`).set('Authorization', `Bearer ${token}`).set('If-Match', `"${current.body.revision}"`).send(command);
    return res;
  };
  const get = (path: string, token = manager) => api.http().get(path).set('Authorization', `Bearer ${token}`);
  const queue = async (position: number, query = '', token = manager) => {
    const res = await get(`/api/queues/escalations?consistentWith=${position}${query}`, token);
    expect(res.status).toBe(200);
    return res.body as { items: { caseId: string; reason: { code: string; text: string }; lateness: string; minutesLate: number }[]; nextCursor: string | null };
  };

  it('shows a missed triage in the escalation queue with how late it is, until the risk is assessed', async () => {
    const { caseId } = await open('asb', reportAsb({ victim: ['Queue', 'Person'], address: '1 Queue Lane' }));
    at('2026-03-03T10:30:00.000Z');
    const missed = await send(caseId, expireDeadline(`${caseId}/ASB_TRIAGE_DUE`, '2026-03-03T10:00:00.000Z'));
    expect(missed.status).toBe(200);
    at('2026-03-04T13:00:00.000Z');
    const { items } = await queue(missed.body.position, `&type=asb&reason=DEADLINE_MISSED`);
    expect(items.filter((i) => i.caseId === caseId)).toEqual([
      expect.objectContaining({ reason: { code: 'DEADLINE_MISSED', text: 'ASB triage (risk assessment) deadline missed' }, minutesLate: 27 * 60, lateness: '1 day 3 hours late' }),
    ]);
    const assessed = await send(caseId, assessAsbRisk('medium'));
    expect((await queue(assessed.body.position)).items.filter((i) => i.caseId === caseId)).toEqual([]);
  });

  it('shows a restricted DA referral only to managers with the DA permission or of an agency involved, and logs the read', async () => {
    const police = await api.token({ role: 'caseworker', agency: 'kent-police' });
    const { caseId } = await open('da-referral', receiveReferral({ victim: 'Restricted Victim', referringAgency: 'kent-police' }), police);
    const assessed = await send(caseId, assessDaRisk(15), police);
    expect(assessed.status).toBe(200);
    at('2026-03-04T10:00:00.000Z'); // the MARAC referral was due within 24 hours
    const cleared = await api.token({ role: 'manager', userId: 'manager-da', agency: 'tmbc', daAccess: true });
    const policeManager = await api.token({ role: 'manager', userId: 'manager-police', agency: 'kent-police' });
    const codes = async (token: string) => (await queue(assessed.body.position, '&reason=MARAC_REFERRAL_OVERDUE', token)).items.filter((i) => i.caseId === caseId).map((i) => i.reason.code);
    expect(await codes(manager)).toEqual([]);
    expect(await codes(cleared)).toEqual(['MARAC_REFERRAL_OVERDUE']);
    expect(await codes(policeManager)).toEqual(['MARAC_REFERRAL_OVERDUE']);
    const auditor = await api.token({ role: 'auditor', agency: 'audit', daAccess: true });
    const log = await get(`/api/audit/access?caseId=${caseId}`, auditor);
    expect(log.body.items.map((e: { userId: string; endpoint: string }) => `${e.userId} ${e.endpoint}`)).toEqual(
      expect.arrayContaining(['manager-da GET /api/queues/escalations', 'manager-police GET /api/queues/escalations']),
    );
    expect(log.body.items.some((e: { userId: string }) => e.userId === 'manager-1')).toBe(false);
  });

  it('pages the queue with a cursor and refuses the queue to caseworkers', async () => {
    const first = await open('asb', reportAsb({ victim: ['Page', 'One'], address: '1 Page Road' }));
    const second = await open('asb', reportAsb({ victim: ['Page', 'Two'], address: '2 Page Road' }));
    at('2026-03-03T11:00:00.000Z');
    await send(first.caseId, expireDeadline(`${first.caseId}/ASB_TRIAGE_DUE`, '2026-03-03T10:00:00.000Z'));
    const last = await send(second.caseId, expireDeadline(`${second.caseId}/ASB_TRIAGE_DUE`, '2026-03-03T10:00:00.000Z'));
    const all = await queue(last.body.position, '&overdue=true');
    const pageOne = await queue(last.body.position, '&overdue=true&limit=1');
    const pageTwo = await queue(last.body.position, `&overdue=true&limit=1&cursor=${pageOne.nextCursor}`);
    expect([...pageOne.items, ...pageTwo.items]).toEqual(all.items.slice(0, 2));
    expect((await get('/api/queues/escalations', caseworker)).status).toBe(403);
    expect((await get('/api/queues/escalations?cursor=nonsense')).body.code).toBe('QUERY_INVALID');
  });

  it('counts cases by type, stage and risk, and shows caseloads per caseworker and team', async () => {
    const { caseId } = await open('asb', reportAsb({ victim: ['Count', 'Person'], address: '7 Count Street' }));
    await send(caseId, assignCase('officer-carol'));
    const assessed = await send(caseId, assessAsbRisk('high'));
    const stats = await get(`/api/stats?consistentWith=${assessed.body.position}`);
    expect(stats.status).toBe(200);
    expect(stats.body.counts).toEqual(expect.arrayContaining([{ type: 'asb', stage: 'triaged', risk: 'high', cases: expect.any(Number) }]));
    expect(stats.body.totals.find((t: { type: string }) => t.type === 'asb').cases).toBeGreaterThanOrEqual(1);
    const caseloads = await get(`/api/caseloads?consistentWith=${assessed.body.position}`);
    expect(caseloads.body.caseworkers).toEqual([
      { caseworkerId: 'officer-carol', agency: 'tmbc', openCases: 1, byRisk: { high: 1, medium: 0, standard: 0, none: 0 }, overdueDeadlines: 0, casesWithOverdueDeadlines: 0 },
    ]);
    expect((await get('/api/caseloads', caseworker)).status).toBe(403);
  });

  it('flags a second ASB report about the same victim, address or perpetrator at intake, and records it on the case', async () => {
    const first = await open('asb', reportAsb({ victim: ['Rhiannon', 'Price'], address: '4 Repeat Row, Tonbridge' }));
    const second = await open('asb', reportAsb({ victim: ['Other', 'Victim'], address: '9 Elsewhere', perpetrator: { givenName: 'Dev', familyName: 'Patel' } }));
    const third = await open('asb', reportAsb({ victim: ['RHIANNON', 'price'], address: '4 repeat row tonbridge', perpetrator: { givenName: 'dev', familyName: 'PATEL' } }));
    expect(third.repeatMatches).toEqual([
      { caseId: first.caseId, matchedOn: 'location' },
      { caseId: first.caseId, matchedOn: 'victim' },
      { caseId: second.caseId, matchedOn: 'perpetrator' },
    ]);
    const history = await get(`/api/cases/${third.caseId}/history`, caseworker);
    expect(history.body.events[0].data.repeatOf).toEqual(third.repeatMatches);
    const unrelated = await open('asb', reportAsb({ victim: ['Nobody', 'Known'], address: '1 New Street' }));
    expect(unrelated.repeatMatches).toBeUndefined();
  });

  it('names no restricted case to a caller who cannot see it, and stores none on the new case', async () => {
    const hidden = await open('asb', reportAsb({ victim: ['Hidden', 'Witness'], address: '5 Quiet Close' }));
    expect((await send(hidden.caseId, markRestricted)).status).toBe(200);
    const outsider = await api.token({ role: 'caseworker', agency: 'kent-police' });
    const repeat = await open('asb', reportAsb({ victim: ['Hidden', 'Witness'], address: '5 Quiet Close' }), outsider);
    expect(repeat.repeatMatches).toBeUndefined();
    const insider = await open('asb', reportAsb({ victim: ['Hidden', 'Witness'], address: '5 Quiet Close' }));
    expect(insider.repeatMatches).toEqual(expect.arrayContaining([{ caseId: hidden.caseId, matchedOn: 'victim' }]));
    const history = await get(`/api/cases/${insider.caseId}/history`, caseworker);
    expect(history.body.events[0].data.repeatOf.map((m: { caseId: string }) => m.caseId)).not.toContain(hidden.caseId);
  });

  it("gives a DA referral the date of the last MARAC referral for the same victim and perpetrator, so the repeat goes to MARAC", async () => {
    const police = await api.token({ role: 'caseworker', agency: 'kent-police' });
    const referral = receiveReferral({ victim: 'Morgan Repeat', victimDateOfBirth: '1985-02-03', perpetrator: 'Lee Repeat', referringAgency: 'kent-police' });
    const first = await open('da-referral', referral, police);
    await send(first.caseId, assessDaRisk(15), police);
    expect((await send(first.caseId, referToMarac('2026-03-10'), police)).status).toBe(200);
    at('2026-06-01T10:00:00.000Z');
    const second = await open('da-referral', receiveReferral({ victim: 'morgan  repeat', victimDateOfBirth: '1985-02-03', perpetrator: 'LEE REPEAT', referringAgency: 'kent-police' }), police);
    expect(second.repeatMatches).toEqual(expect.arrayContaining([{ caseId: first.caseId, matchedOn: 'victim-and-perpetrator' }]));
    const history = await get(`/api/cases/${second.caseId}/history`, police);
    expect(history.body.events[0].data.lastMaracReferralDate).toBe('2026-03-02');
    await send(second.caseId, assessDaRisk(2), police);
    const toSupport = await send(second.caseId, { type: 'RouteReferral', data: { route: 'support-service', service: 'outreach' } }, police);
    // A standard-risk referral with one incident goes to MARAC only because it is a repeat.
    expect({ status: toSupport.status, body: toSupport.body }).toMatchObject({ status: 422, body: { code: 'DA_MARAC_REFERRAL_REQUIRED', details: { reasons: ['repeat'] } } });
  });
}

describe('read models over HTTP on SQLite', () => readModelsSuite('sqlite'));
describeWithPostgres('read models over HTTP on PostgreSQL', () => readModelsSuite('postgres'));
