import { SqliteEventStore } from '@casetrail/event-store';
import { RAW_EVENT_STORE } from '../../apps/api/src/privacy/privacy.tokens';
import { startTestApi, StoreKind, TestApi } from '../support/api-app';
import { describeWithPostgres } from '../support/services';
import { asbReport, logIncident, riskAssessment } from '../e2e/api-fixtures';

const bearer = (token: string) => `Bearer ${token}`;

/** An ASB case with a few events; optionally marked restricted (with a reason meant to break HTML). */
async function openCase(api: TestApi, { restricted = false } = {}): Promise<{ caseId: string; revision: number }> {
  const caseworker = bearer(await api.token({ role: 'caseworker', agency: 'tmbc' }));
  const opened = await api.http().post('/api/cases').set('Authorization', caseworker).send(asbReport());
  const caseId: string = opened.body.caseId;
  let revision: number = opened.body.revision;
  const send = async (command: object) => {
    const res = await api.http().post(`/api/cases/${caseId}/commands`).set('Authorization', caseworker).set('If-Match', `"${revision}"`).send(command);
    expect(res.status).toBe(200);
    revision = res.body.revision;
  };
  await send(riskAssessment('high'));
  await send(logIncident('i2'));
  if (restricted) await send({ type: 'MarkRestricted', data: { reason: 'Witness <script>alert(1)</script> fears reprisals' } });
  return { caseId, revision };
}

function auditApiSuite(kind: StoreKind) {
  let api: TestApi;
  let auditor: string;
  let caseworker: string;
  let outsider: string;
  beforeAll(async () => {
    api = await startTestApi(kind);
    auditor = bearer(await api.token({ role: 'auditor', userId: 'auditor-9', agency: 'tmbc' }));
    caseworker = bearer(await api.token({ role: 'caseworker', agency: 'tmbc' }));
    outsider = bearer(await api.token({ role: 'auditor', agency: 'elsewhere', daAccess: false }));
  });
  afterAll(() => api.close());
  const get = (path: string, as: string) => api.http().get(path).set('Authorization', as);

  describe('GET /api/cases/:caseId/history', () => {
    it('tells each event in plain English, with the actor, the reason given and both times', async () => {
      const { caseId } = await openCase(api, { restricted: true });
      const res = await get(`/api/cases/${caseId}/history`, caseworker);
      expect(res.status).toBe(200);
      const byType = Object.fromEntries(res.body.events.map((e: { type: string }) => [e.type, e]));
      expect(byType.RiskAssessed).toMatchObject({ description: 'Victim risk assessed as high by caseworker-1 (tmbc)', reason: null });
      expect(byType.CaseMarkedRestricted).toMatchObject({
        description: 'Case marked restricted (need-to-know) by caseworker-1 (tmbc)',
        actor: { id: 'caseworker-1', role: 'caseworker', agency: 'tmbc' },
        reason: 'Witness <script>alert(1)</script> fears reprisals',
        occurredAt: api.clock.now.toISOString(),
        recordedAt: expect.any(String),
      });
    });

    it("merges the case's reads into the timeline for auditors only", async () => {
      const { caseId } = await openCase(api, { restricted: true });
      await get(`/api/cases/${caseId}`, caseworker);
      const forCaseworker = await get(`/api/cases/${caseId}/history`, caseworker);
      expect(forCaseworker.body.timeline.every((entry: { kind: string }) => entry.kind === 'event')).toBe(true);
      const forAuditor = await get(`/api/cases/${caseId}/history`, auditor);
      const reads = forAuditor.body.timeline.filter((entry: { kind: string }) => entry.kind === 'read');
      expect(reads.map((r: { description: string }) => r.description)).toEqual([
        'Read by caseworker-1 (caseworker, tmbc) through GET /api/cases/:caseId',
        'Read by caseworker-1 (caseworker, tmbc) through GET /api/cases/:caseId/history',
        'Read by auditor-9 (auditor, tmbc) through GET /api/cases/:caseId/history',
      ]);
      // Reads come after the events that had happened by then.
      expect(forAuditor.body.timeline.at(-1)).toMatchObject({ kind: 'read', actor: { id: 'auditor-9' } });
      expect(forAuditor.body.timeline.filter((e: { kind: string }) => e.kind === 'event')).toHaveLength(forAuditor.body.events.length);
    });
  });

  describe('GET /api/cases/:caseId/diff', () => {
    it('gives the field-level changes between two revisions and the events between them', async () => {
      const { caseId, revision } = await openCase(api);
      const { body: before } = await get(`/api/cases/${caseId}?revision=0`, caseworker);
      const { body: after } = await get(`/api/cases/${caseId}`, caseworker);
      const res = await get(`/api/cases/${caseId}/diff?from=0&to=${revision}`, caseworker);
      expect(res.status).toBe(200);
      expect(res.body.events.map((e: { revision: number }) => e.revision)).toEqual(Array.from({ length: revision }, (_, i) => i + 1));
      const stage = res.body.changes.find((c: { path: string }) => c.path === 'stage');
      expect(stage).toEqual({ path: 'stage', change: 'changed', before: before.state.stage, after: after.state.stage });
      expect(res.body.changes.length).toBeGreaterThan(3);
      const back = await get(`/api/cases/${caseId}/diff?from=${revision}&to=0`, caseworker);
      expect(back.body.changes.find((c: { path: string }) => c.path === 'stage')).toMatchObject({ before: after.state.stage, after: before.state.stage });
      expect((await get(`/api/cases/${caseId}/diff?from=2&to=2`, caseworker)).body).toMatchObject({ changes: [], events: [] });
    });

    it('refuses revisions the case does not have, or none at all (400)', async () => {
      const { caseId, revision } = await openCase(api);
      const beyond = await get(`/api/cases/${caseId}/diff?from=0&to=${revision + 1}`, caseworker);
      expect(beyond.status).toBe(400);
      expect(beyond.body.errors).toEqual([{ path: 'query.to', message: `the case's last revision is ${revision}` }]);
      expect((await get(`/api/cases/${caseId}/diff?from=0`, caseworker)).status).toBe(400);
    });
  });

  describe('GET /api/cases/:caseId/audit-pack', () => {
    it('holds the events, the state after each, the access log and an intact chain (JSON)', async () => {
      const { caseId, revision } = await openCase(api, { restricted: true });
      const res = await get(`/api/cases/${caseId}/audit-pack`, auditor);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const pack = res.body;
      expect(pack).toMatchObject({ caseId, caseType: 'asb', revision, generatedBy: { id: 'auditor-9', role: 'auditor', agency: 'tmbc' } });
      expect(pack.verification).toMatchObject({ intact: true, firstBreak: null, headHash: pack.events.at(-1).chain.hash });
      expect(pack.events).toHaveLength(revision + 1);
      pack.events.forEach((e: { chain: { linked: boolean; hash: string; recomputedHash: string } }) => {
        expect(e.chain.linked).toBe(true);
        expect(e.chain.hash).toBe(e.chain.recomputedHash);
      });
      const { body: now } = await get(`/api/cases/${caseId}`, caseworker);
      expect(pack.events.at(-1).stateAfter).toEqual(now.state);
      expect(pack.events[0].stateAfter).toEqual((await get(`/api/cases/${caseId}?revision=0`, caseworker)).body.state);
      // The pack's own making is a read of a restricted case, and so in its access log.
      expect(pack.accessLog.at(-1)).toMatchObject({ userId: 'auditor-9', endpoint: 'GET /api/cases/:caseId/audit-pack' });
    });

    it('comes as CSV: a verification row, one row per event and one per read', async () => {
      const { caseId, revision } = await openCase(api, { restricted: true });
      const res = await get(`/api/cases/${caseId}/audit-pack?format=csv`, auditor);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="audit-pack-${caseId}-r${revision}.csv"`);
      const rows = res.text.trimEnd().split('\r\n');
      expect(rows[0]).toBe('record,revision,at,recorded_at,type,description,actor_id,actor_role,actor_agency,reason,previous_hash,hash,recomputed_hash,linked,state_after,endpoint');
      expect(rows[1]).toMatch(/^verification,\d+,[^,]+,,asb,Hash chain intact over \d+ events of /);
      expect(rows.filter((r) => r.startsWith('event,'))).toHaveLength(revision + 1);
      expect(rows.filter((r) => r.startsWith('read,')).length).toBeGreaterThan(0);
    });

    it('comes as printable HTML that runs nothing and escapes what people wrote', async () => {
      const { caseId } = await openCase(api, { restricted: true });
      const res = await get(`/api/cases/${caseId}/audit-pack?format=html`, auditor);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
      expect(res.text).toMatch(/^<!doctype html>/);
      expect(res.text).not.toMatch(/<script/i);
      expect(res.text).toContain('Witness &lt;script&gt;alert(1)&lt;/script&gt; fears reprisals');
      expect(res.text).toContain('@media print');
      expect(res.text).toContain('The hash chain is intact');
    });

    it('is for auditors and admins only (403), and unknown formats are refused (400)', async () => {
      const { caseId } = await openCase(api);
      expect((await get(`/api/cases/${caseId}/audit-pack`, caseworker)).status).toBe(403);
      expect((await get(`/api/cases/${caseId}/audit-pack?format=pdf`, auditor)).status).toBe(400);
    });
  });

  it('answers an outsider 404 on a restricted case, and logs every read through these endpoints', async () => {
    const { caseId } = await openCase(api, { restricted: true });
    for (const path of [`/api/cases/${caseId}/diff?from=0&to=1`, `/api/cases/${caseId}/audit-pack`, `/api/cases/${caseId}/audit-pack?format=html`]) {
      const res = await get(path, outsider);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 404, code: 'CASE_NOT_FOUND' });
    }
    await get(`/api/cases/${caseId}/diff?from=0&to=1`, auditor);
    await get(`/api/cases/${caseId}/audit-pack?format=csv`, auditor);
    const log = await get(`/api/audit/access?caseId=${caseId}`, auditor);
    expect(log.body.items.map((i: { userId: string; endpoint: string }) => `${i.userId} ${i.endpoint}`)).toEqual([
      'auditor-9 GET /api/cases/:caseId/diff',
      'auditor-9 GET /api/cases/:caseId/audit-pack',
    ]);
  });
}

describe('audit over HTTP (SQLite)', () => {
  auditApiSuite('sqlite');

  it('shows in the pack an event changed in the database behind the store', async () => {
    const api = await startTestApi('sqlite');
    try {
      const { caseId } = await openCase(api);
      // The adapter itself, under the encryption (docs/privacy.md): the rows as stored.
      const store = api.app.get<SqliteEventStore>(RAW_EVENT_STORE);
      store.db
        .prepare(`UPDATE events SET data = json_set(data, '$.description', 'Nothing happened') WHERE stream_id = ? AND type = 'IncidentLogged' AND json_extract(data, '$.incidentId') = 'i2'`)
        .run(caseId);
      const auditor = bearer(await api.token({ role: 'auditor' }));
      const pack = (await api.http().get(`/api/cases/${caseId}/audit-pack`).set('Authorization', auditor)).body;
      const changed = pack.events.find((e: { data: { incidentId?: string } }) => e.data.incidentId === 'i2');
      expect(pack.verification).toMatchObject({ intact: false, firstBreak: { kind: 'modified', revision: changed.revision } });
      expect(changed.chain.linked).toBe(false);
      const html = await api.http().get(`/api/cases/${caseId}/audit-pack?format=html`).set('Authorization', auditor);
      expect(html.text).toContain(`The hash chain is BROKEN at revision ${changed.revision} (modified)`);
    } finally {
      await api.close();
    }
  });
});

describeWithPostgres('audit over HTTP (PostgreSQL)', () => auditApiSuite('postgres'));
