import { describeWithPostgres } from '../support/services';
import { StoreKind, startTestApi, TestApi } from '../support/api-app';
import { asbReport, logIncident, riskAssessment } from './api-fixtures';
import { Idempotency } from '../../apps/api/src/cases/idempotency.service';

const PROBLEM = /application\/problem\+json/;

function casesApiSuite(kind: StoreKind) {
  let api: TestApi;
  let caseworker: string;
  let auditor: string;

  beforeAll(async () => {
    api = await startTestApi(kind);
    caseworker = await api.token({ role: 'caseworker', agency: 'tmbc' });
    auditor = await api.token({ role: 'auditor', agency: 'tmbc' });
  });
  afterAll(() => api.close());

  const open = async (body: object = asbReport(), token = caseworker) =>
    api.http().post('/api/cases').set('Authorization', `Bearer ${token}`).send(body);
  const send = (caseId: string, body: object, headers: Record<string, string> = {}, token = caseworker) =>
    api.http().post(`/api/cases/${caseId}/commands`).set('Authorization', `Bearer ${token}`).set(headers).send(body);

  it('opens a case: 201 with Location, ETag, revision and position', async () => {
    const res = await open();
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ caseId: expect.stringMatching(/^asb-[0-9a-f-]{36}$/), type: 'asb', revision: expect.any(Number), position: expect.any(Number) });
    expect(res.headers.location).toBe(`/api/cases/${res.body.caseId}`);
    expect(res.headers.etag).toBe(`"${res.body.revision}"`);
  });

  it('shows a case with its stage, open deadlines and the commands this user may send, each with a JSON Schema', async () => {
    const { body: opened } = await open();
    const res = await api.http().get(`/api/cases/${opened.caseId}`).set('Authorization', `Bearer ${caseworker}`);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${opened.revision}"`);
    expect(res.body).toMatchObject({ caseId: opened.caseId, type: 'asb', stage: 'reported', revision: opened.revision });
    expect(res.body.openDeadlines.length).toBeGreaterThan(0);
    const types = res.body.allowedCommands.map((c: { type: string }) => c.type);
    expect(types).toEqual(expect.arrayContaining(['LogIncident', 'RecordRiskAssessment']));
    const risk = res.body.allowedCommands.find((c: { type: string }) => c.type === 'RecordRiskAssessment');
    expect(risk).toMatchObject({ requiresIfMatch: true, schema: { type: 'object' } });
    const asAuditor = await api.http().get(`/api/cases/${opened.caseId}`).set('Authorization', `Bearer ${auditor}`);
    expect(asAuditor.body.allowedCommands).toEqual([]);
  });

  it('applies a command and records who, when and why on every event', async () => {
    const { body: opened } = await open();
    const res = await send(opened.caseId, logIncident('i2'), { 'X-Request-Id': 'req-e2e-1' });
    expect(res.status).toBe(200);
    expect(res.body.revision).toBeGreaterThan(opened.revision);
    expect(res.body.events[0]).toMatchObject({ type: 'IncidentLogged', revision: opened.revision + 1, data: { incidentId: 'i2' } });
    expect(res.body.events.at(-1).revision).toBe(res.body.revision);
    const history = await api.http().get(`/api/cases/${opened.caseId}/history`).set('Authorization', `Bearer ${auditor}`);
    const logged = history.body.events.find((e: { data: { incidentId?: string } }) => e.data.incidentId === 'i2');
    expect(logged).toMatchObject({
      type: 'IncidentLogged',
      actor: { id: 'caseworker-1', role: 'caseworker', agency: 'tmbc' },
      correlationId: 'req-e2e-1',
      occurredAt: api.clock.now.toISOString(),
      recordedAt: expect.any(String),
      commandId: expect.any(String),
      causationId: expect.any(String),
    });
  });

  it('requires If-Match for a command that acts on what the user saw (428), and refuses a stale one (412)', async () => {
    const { body: opened } = await open();
    const missing = await send(opened.caseId, riskAssessment('medium'));
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe('IF_MATCH_REQUIRED');
    const moved = await send(opened.caseId, logIncident('i3'));
    const stale = await send(opened.caseId, riskAssessment('medium'), { 'If-Match': `"${opened.revision}"` });
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toMatch(PROBLEM);
    expect(stale.body).toMatchObject({ code: 'IF_MATCH_FAILED', currentRevision: moved.body.revision });
    const fresh = await send(opened.caseId, riskAssessment('medium'), { 'If-Match': `"${moved.body.revision}"` });
    expect(fresh.status).toBe(200);
  });

  it('lets one of two concurrent conditioned commands win; the other gets 409 or 412, never both applied', async () => {
    const { body: opened } = await open();
    const ifMatch = { 'If-Match': `"${opened.revision}"` };
    const results = await Promise.all([send(opened.caseId, riskAssessment('high'), ifMatch), send(opened.caseId, riskAssessment('standard'), ifMatch)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([409, 412]).toContain(statuses[1]);
    const loser = results.find((r) => r.status !== 200)!;
    expect(loser.body.currentRevision).toBeGreaterThan(opened.revision);
    const history = await api.http().get(`/api/cases/${opened.caseId}/history`).set('Authorization', `Bearer ${caseworker}`);
    expect(history.body.events.filter((e: { type: string }) => e.type === 'RiskAssessed')).toHaveLength(1);
  });

  it('replays an Idempotency-Key with the first response and appends nothing; another body with the key gets 422', async () => {
    const { body: opened } = await open();
    const key = { 'Idempotency-Key': `key-${opened.caseId}` };
    const first = await send(opened.caseId, logIncident('i4'), key);
    const again = await send(opened.caseId, logIncident('i4'), key);
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const history = await api.http().get(`/api/cases/${opened.caseId}/history`).set('Authorization', `Bearer ${caseworker}`);
    expect(history.body.events.filter((e: { data: { incidentId?: string } }) => e.data.incidentId === 'i4')).toHaveLength(1);
    const other = await send(opened.caseId, logIncident('i5'), key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('opens a case once for a retried Idempotency-Key', async () => {
    const key = { 'Idempotency-Key': `open-${kind}` };
    const first = await api.http().post('/api/cases').set('Authorization', `Bearer ${caseworker}`).set(key).send(asbReport());
    const again = await api.http().post('/api/cases').set('Authorization', `Bearer ${caseworker}`).set(key).send(asbReport());
    expect(first.status).toBe(201);
    expect(again.body.caseId).toBe(first.body.caseId);
  });

  describe('refusals are problem+json naming the field or the rule', () => {
    it('400 for a body failing its schema, listing each invalid field path', async () => {
      const body = asbReport();
      const res = await open({ ...body, data: { ...body.data, category: 'loud', victims: [], firstIncident: { ...body.data.firstIncident, behaviourDate: 'yesterday' } } });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      const paths = res.body.errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['data.category', 'data.victims', 'data.firstIncident.behaviourDate']));
    });

    it('400 for malformed JSON and for an unknown command or case type', async () => {
      const malformed = await api.http().post('/api/cases').set('Authorization', `Bearer ${caseworker}`).set('Content-Type', 'application/json').send('{"type": "asb",');
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('MALFORMED_JSON');
      const unknownType = await open({ type: 'burglary', data: {} });
      expect(unknownType.status).toBe(400);
      expect(unknownType.body.errors[0].path).toBe('type');
      const { body: opened } = await open();
      const unknownCommand = await send(opened.caseId, { type: 'Teleport', data: {} });
      expect(unknownCommand.status).toBe(400);
      expect(unknownCommand.body.code).toBe('UNKNOWN_COMMAND');
    });

    it('401 without a valid token', async () => {
      const none = await api.http().get('/api/cases');
      expect(none.status).toBe(401);
      expect(none.headers['content-type']).toMatch(PROBLEM);
      const forged = await api.http().get('/api/cases').set('Authorization', `Bearer ${caseworker.slice(0, -4)}abcd`);
      expect(forged.status).toBe(401);
    });

    it('403 for an action the role may not take', async () => {
      const res = await open(asbReport(), auditor);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    it('404 for an unknown case and a malformed case id', async () => {
      for (const id of ['asb-00000000-0000-4000-8000-000000000000', 'not-a-case', '..%2F..%2Fetc%2Fpasswd']) {
        const res = await api.http().get(`/api/cases/${id}`).set('Authorization', `Bearer ${caseworker}`);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('CASE_NOT_FOUND');
      }
    });

    it('415 for a body that is not JSON', async () => {
      const res = await api.http().post('/api/cases').set('Authorization', `Bearer ${caseworker}`).set('Content-Type', 'text/plain').send('type=asb');
      expect(res.status).toBe(415);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    it('413 for a body over the limit', async () => {
      const res = await open({ type: 'asb', data: { padding: 'x'.repeat(2 * 1024 * 1024) } });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('BODY_TOO_LARGE');
    });

    it('422 for a domain rule refusal, naming the rule', async () => {
      const { body: opened } = await open();
      const res = await send(opened.caseId, { type: 'CloseCase', data: { outcome: 'behaviour-stopped', victimSatisfaction: 'satisfied' } }, { 'If-Match': `"${opened.revision}"` });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/), rule: expect.any(String) });
    });

    it('a failed command writes nothing', async () => {
      const { body: opened } = await open();
      await send(opened.caseId, { type: 'LogIncident', data: { incidentId: 'bad' } });
      const history = await api.http().get(`/api/cases/${opened.caseId}/history`).set('Authorization', `Bearer ${caseworker}`);
      expect(history.body.revision).toBe(opened.revision);
    });
  });

  it('lists cases from the read model once it has caught up with a write, with filters and a cursor', async () => {
    const opened = [(await open()).body, (await open()).body, (await open()).body];
    const last = opened[2];
    const res = await api.http().get(`/api/cases?type=asb&stage=reported&limit=2&consistentWith=${last.position}`).set('Authorization', `Bearer ${caseworker}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items[0]).toMatchObject({ type: 'asb', stage: 'reported', restricted: false });
    const next = await api.http().get(`/api/cases?type=asb&limit=2&cursor=${res.body.nextCursor}`).set('Authorization', `Bearer ${caseworker}`);
    expect(next.status).toBe(200);
    const seen = new Set([...res.body.items, ...next.body.items].map((i: { caseId: string }) => i.caseId));
    expect(seen.size).toBe(res.body.items.length + next.body.items.length);
    const bad = await api.http().get('/api/cases?risk=extreme&limit=1000').set('Authorization', `Bearer ${caseworker}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['query.risk', 'query.limit']));
  });

  it('hides a restricted case from outsiders with a 404 like a missing case, and logs every read of it', async () => {
    const { body: opened } = await open();
    const marked = await send(opened.caseId, { type: 'MarkRestricted', data: { reason: 'Victim is a council employee' } }, { 'If-Match': `"${opened.revision}"` });
    expect(marked.status).toBe(200);
    const outsider = await api.token({ role: 'caseworker', agency: 'kent-police', userId: 'outsider' });
    const hidden = await api.http().get(`/api/cases/${opened.caseId}`).set('Authorization', `Bearer ${outsider}`);
    const missing = await api.http().get('/api/cases/asb-00000000-0000-4000-8000-000000000001').set('Authorization', `Bearer ${outsider}`);
    expect(hidden.status).toBe(404);
    expect({ ...hidden.body, instance: undefined, requestId: undefined, detail: undefined }).toEqual({ ...missing.body, instance: undefined, requestId: undefined, detail: undefined });
    const insider = await api.http().get(`/api/cases/${opened.caseId}`).set('Authorization', `Bearer ${caseworker}`);
    expect(insider.status).toBe(200);
    const log = await api.http().get(`/api/audit/access?caseId=${opened.caseId}`).set('Authorization', `Bearer ${auditor}`);
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([expect.objectContaining({ userId: 'caseworker-1', caseId: opened.caseId, endpoint: 'GET /api/cases/:caseId' })]);
    const notAuditor = await api.http().get('/api/audit/access').set('Authorization', `Bearer ${caseworker}`);
    expect(notAuditor.status).toBe(403);
  });

  it('serves an OpenAPI 3.1 document and Swagger UI', async () => {
    const doc = await api.http().get('/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.components.schemas)).toEqual(expect.arrayContaining(['asb.ReportAsb', 'asb.LogIncident']));
    const ui = await api.http().get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('reports health', async () => {
    expect((await api.http().get('/health/live')).status).toBe(200);
    const ready = await api.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.eventStore).toMatchObject({ status: 'up', adapter: kind });
  });
}

describe('cases API on SQLite', () => casesApiSuite('sqlite'));
describeWithPostgres('cases API on PostgreSQL', () => casesApiSuite('postgres'));

describe('idempotency keys expire', () => {
  it('treats a key as new once its time has passed, and purges expired keys', async () => {
    const api = await startTestApi('sqlite');
    try {
      const token = await api.token({ role: 'caseworker' });
      const key = { 'Idempotency-Key': 'expiring-key' };
      const first = await api.http().post('/api/cases').set('Authorization', `Bearer ${token}`).set(key).send(asbReport());
      api.clock.now = new Date(api.clock.now.getTime() + 25 * 3_600_000);
      const later = await api.http().post('/api/cases').set('Authorization', `Bearer ${token}`).set(key).send(asbReport('2026-03-02'));
      expect(later.status).toBe(201);
      expect(later.headers['idempotent-replayed']).toBeUndefined();
      expect(later.body.caseId).not.toBe(first.body.caseId);
      const idempotency = api.app.get(Idempotency);
      api.clock.now = new Date(api.clock.now.getTime() + 25 * 3_600_000);
      expect(await idempotency.purgeExpired(api.clock.now.toISOString())).toBe(1);
      expect(first.status).toBe(201);
    } finally {
      await api.close();
    }
  });
});
