import { EmbeddedDeadlinesHost } from '../../apps/api/src/deadlines/embedded-deadlines.host';
import { startTestApi, TestApi } from '../support/api-app';
import { asbReport } from '../e2e/api-fixtures';
import { eventually } from './support/casework';

// Hang guards, not speed checks: each wait below ends as soon as its condition holds.
jest.setTimeout(60_000);

/** The API as it ships without Redis: its own process fires deadlines, by the application's clock. */
describe('the API in the embedded default fires deadlines', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite', '2026-03-02T10:00:00.000Z', { deadlines: 'armed' });
  });
  afterAll(() => api.close());

  it('records DeadlineMissed, as the scheduler, once the clock passes the triage deadline', async () => {
    const caseworker = await api.token({ role: 'caseworker', agency: 'tmbc' });
    const opened = await api.http().post('/api/cases').set('Authorization', `Bearer ${caseworker}`).send(asbReport());
    expect(opened.status).toBe(201);
    const history = async () =>
      (await api.http().get(`/api/cases/${opened.body.caseId}/history`).set('Authorization', `Bearer ${caseworker}`)).body.events as {
        type: string;
        data: { dueAt?: string; missedAt?: string };
        actor: { id: string; role: string };
      }[];

    const deadlines = api.app.get(EmbeddedDeadlinesHost).deadlines;
    expect(await eventually(async () => deadlines.scheduler.armedCount() === 1)).toBe(true);
    await deadlines.reconcile(); // nothing is due by the API's clock yet
    expect((await history()).some((e) => e.type === 'DeadlineMissed')).toBe(false);

    api.clock.now = new Date('2026-03-03T10:05:00.000Z'); // 24 hours and 5 minutes later
    await deadlines.reconcile(); // the periodic reconcile measures every timer against the clock again
    expect(await eventually(async () => (await history()).some((e) => e.type === 'DeadlineMissed'))).toBe(true);
    const missed = (await history()).filter((e) => e.type === 'DeadlineMissed');
    expect(missed).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ dueAt: '2026-03-03T10:00:00.000Z', missedAt: '2026-03-03T10:05:00.000Z' }),
        actor: { id: 'scheduler', role: 'system', agency: 'casetrail' },
      }),
    ]);
  });
});
