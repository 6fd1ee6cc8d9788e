import { describeWithPostgres } from '../support/services';
import { StoreKind, startTestApi, TestApi } from '../support/api-app';
import { asbReport, logIncident } from './api-fixtures';

type Listed = { caseId: string; openedAt: string; nextDeadlineAt: string | null; lastEventAt: string };

/** GET /api/cases?sort=: the whole list in each order, page after page, not one page re-sorted. */
function caseListOrderSuite(kind: StoreKind) {
  let api: TestApi;
  let caseworker: string;
  const opened: string[] = [];
  let position = 0;

  beforeAll(async () => {
    api = await startTestApi(kind, '2027-01-04T09:00:00.000Z');
    caseworker = await api.token({ role: 'caseworker', agency: 'tmbc' });
    // Four cases opened a day apart (so their triage deadlines differ too), then the first one acted on last.
    for (const day of ['04', '05', '06', '07']) {
      api.clock.now = new Date(`2027-01-${day}T09:00:00.000Z`);
      const res = await api.http().post('/api/cases').set('Authorization', `Bearer ${caseworker}`).send(asbReport('2027-01-03'));
      expect(res.status).toBe(201);
      opened.push(res.body.caseId);
    }
    api.clock.now = new Date('2027-01-08T09:00:00.000Z');
    const acted = await api.http().post(`/api/cases/${opened[0]}/commands`).set('Authorization', `Bearer ${caseworker}`).send(logIncident('i2'));
    expect(acted.status).toBe(200);
    position = acted.body.position;
  });
  afterAll(() => api.close());

  /** Every case opened in January 2027, one page of `limit` at a time, following the cursors. */
  async function walk(sort: string, limit: number): Promise<Listed[]> {
    const items: Listed[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `sort=${sort}&limit=${limit}&openedFrom=2027-01-01&consistentWith=${position}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await api.http().get(`/api/cases?${query}`).set('Authorization', `Bearer ${caseworker}`);
      expect(res.status).toBe(200);
      items.push(...(res.body.items as Listed[]));
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  }

  it('orders newest or oldest first across pages', async () => {
    expect((await walk('newest', 1)).map((c) => c.caseId)).toEqual([...opened].reverse());
    expect((await walk('oldest', 3)).map((c) => c.caseId)).toEqual(opened);
    expect((await walk('newest', 50)).map((c) => c.caseId)).toEqual([...opened].reverse());
  });

  it('orders by the next deadline, soonest first, across pages', async () => {
    const byDeadline = await walk('deadline', 1);
    expect(byDeadline).toHaveLength(4);
    const dates = byDeadline.map((c) => c.nextDeadlineAt ?? '~');
    expect(dates).toEqual([...dates].sort());
    expect(byDeadline[0]!.caseId).toBe(opened[0]);
  });

  it('orders by the latest activity across pages', async () => {
    const ids = (await walk('recent-activity', 2)).map((c) => c.caseId);
    expect(ids).toEqual([opened[0], opened[3], opened[2], opened[1]]);
  });

  it('refuses a cursor from another order, and an unknown order, naming the field', async () => {
    const first = await api.http().get(`/api/cases?sort=oldest&limit=1&openedFrom=2027-01-01`).set('Authorization', `Bearer ${caseworker}`);
    const mixed = await api.http().get(`/api/cases?sort=newest&limit=1&cursor=${first.body.nextCursor}`).set('Authorization', `Bearer ${caseworker}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors).toEqual([{ path: 'query.cursor', message: 'belongs to the "oldest" order, not "newest"' }]);
    const unknown = await api.http().get('/api/cases?sort=alphabetical').set('Authorization', `Bearer ${caseworker}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.sort']);
  });
}

describe('case list order on SQLite', () => caseListOrderSuite('sqlite'));
describeWithPostgres('case list order on PostgreSQL', () => caseListOrderSuite('postgres'));
