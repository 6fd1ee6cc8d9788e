import { startTestApi, TestApi } from '../support/api-app';
import { asbReport } from './api-fixtures';

/** Personal data from the requests below; none of it may reach a log line. */
const PERSONAL = ['Jane', 'Doe', '07700 900123', 'Acacia', 'Music until 3am', 'Neighbour at number 14', 'Shouting'];

describe('logs', () => {
  const logs: string[] = [];
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite', undefined, { logs });
  });
  afterAll(() => api.close());

  it('carry the request id and never personal data, through success, refusal and errors', async () => {
    const token = await api.token({ role: 'caseworker' });
    const opened = await api.http().post('/api/cases').set('Authorization', `Bearer ${token}`).set('X-Request-Id', 'req-logs-1').send(asbReport());
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    await api.http().get(`/api/cases/${caseId}?asOf=not-a-date`).set('Authorization', `Bearer ${token}`);
    await api.http().get(`/api/cases?assignee=Jane%20Doe`).set('Authorization', `Bearer ${token}`);
    await api.http().post(`/api/cases/${caseId}/commands`).set('Authorization', `Bearer ${token}`).send({ type: 'LogIncident', data: { description: 'Shouting', incidentId: 'Doe' } });
    await api.http().post('/api/cases').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send('{"victim": "Jane Doe", ');
    const text = logs.join('\n');
    expect(logs.length).toBeGreaterThan(3);
    expect(text).toContain('req-logs-1');
    for (const value of PERSONAL) expect({ value, found: text.includes(value) }).toEqual({ value, found: false });
    expect(text).not.toContain('Bearer');
    // A request's line holds its id, method and path (no query, no headers) and the status: nothing else of either.
    const completed = logs.map((line) => JSON.parse(line) as { msg?: string; req?: object; res?: object }).find((l) => l.msg === 'request completed' && JSON.stringify(l.req).includes('req-logs-1'));
    expect(completed).toMatchObject({ req: { id: 'req-logs-1', method: 'POST', path: '/api/cases' }, res: { statusCode: 201 } });
    expect(Object.keys(completed!.req!).sort()).toEqual(['id', 'method', 'path']);
    expect(Object.keys(completed!.res!)).toEqual(['statusCode']);
  });
});
