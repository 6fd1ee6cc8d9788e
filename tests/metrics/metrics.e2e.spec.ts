import { asbReport, logIncident } from '../e2e/api-fixtures';
import { startTestApi, TestApi } from '../support/api-app';
import { PrivateRedis } from '../support/private-redis';

/** One sample's value from the Prometheus text format, e.g. sample(text, 'x_total', { a: '1' }). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.every((pair) => present.includes(pair)) && present.length === wanted.length) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics (rules: commands are counted and timed, refusals by problem code; no case ids in labels)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(() => api.close());

  it('counts accepted and refused commands, times them, and names each refusal by its problem code', async () => {
    const token = await api.token({ role: 'caseworker' });
    const opened = await api.http().post('/api/cases').set('Authorization', `Bearer ${token}`).send(asbReport()).expect(201);
    const caseId = opened.body.caseId as string;
    await api.http().post(`/api/cases/${caseId}/commands`).set('Authorization', `Bearer ${token}`).send(logIncident('i2')).expect(200);
    const refused = await api.http().post(`/api/cases/${caseId}/commands`).set('Authorization', `Bearer ${token}`).send({ type: 'NoSuchCommand', data: {} });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const stale = await api.http().post(`/api/cases/${caseId}/commands`).set('Authorization', `Bearer ${token}`).set('If-Match', '"1"').send(logIncident('i3'));
    expect(stale.status).toBe(412);

    const scraped = await api.http().get('/metrics').expect(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = scraped.text;
    expect(sample(text, 'casetrail_commands_total', { operation: 'open', outcome: 'accepted' })).toBe(1);
    expect(sample(text, 'casetrail_commands_total', { operation: 'send', outcome: 'accepted' })).toBe(1);
    expect(sample(text, 'casetrail_commands_total', { operation: 'send', outcome: 'refused' })).toBe(2);
    expect(sample(text, 'casetrail_command_refusals_total', { operation: 'send', code: refused.body.code })).toBe(1);
    expect(sample(text, 'casetrail_command_refusals_total', { operation: 'send', code: stale.body.code })).toBe(1);
    expect(sample(text, 'casetrail_command_duration_seconds_count', { operation: 'send' })).toBe(3);
    expect(sample(text, 'casetrail_command_duration_seconds_bucket', { operation: 'open', le: '+Inf' })).toBe(1);
    // Projection lag per projection, escalation queue depth and the lateness histogram are there.
    expect(sample(text, 'casetrail_projection_lag', { projection: 'case-summary' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'casetrail_escalation_queue_entries')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'casetrail_deadline_lateness_seconds_count')).toBe(0);
    // No BullMQ without Redis: no job-state samples.
    expect(text).not.toMatch(/^casetrail_deadline_jobs\{/m);
    // Cardinality and privacy: no case id, user or name anywhere.
    expect(text).not.toContain(caseId);
    expect(text).not.toContain('caseworker-1');
    expect(text).not.toContain('Doe');
  });

  it('is served outside /api and left out of the OpenAPI document on purpose', async () => {
    const doc = (await api.http().get('/api/docs-json')).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((path) => path.includes('metrics'))).toEqual([]);
  });
});

describe('GET /metrics access (rule: CASETRAIL_METRICS_TOKEN guards /metrics; CASETRAIL_METRICS=off removes it)', () => {
  const metricsToken = 'm'.repeat(40);

  it('asks for the bearer token when one is configured, as problem+json', async () => {
    const api = await startTestApi('sqlite', undefined, { env: { CASETRAIL_METRICS_TOKEN: metricsToken } });
    try {
      const refused = await api.http().get('/metrics').expect(401);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.code).toBe('METRICS_TOKEN_REQUIRED');
      await api.http().get('/metrics').set('Authorization', `Bearer ${'x'.repeat(40)}`).expect(401);
      // A user's API token is not the metrics token either.
      await api.http().get('/metrics').set('Authorization', `Bearer ${await api.token({ role: 'manager' })}`).expect(401);
      const scraped = await api.http().get('/metrics').set('Authorization', `Bearer ${metricsToken}`).expect(200);
      expect(scraped.text).toContain('# TYPE casetrail_commands_total counter');
    } finally {
      await api.close();
    }
  });

  it('is not served with CASETRAIL_METRICS=off', async () => {
    const api = await startTestApi('sqlite', undefined, { env: { CASETRAIL_METRICS: 'off' } });
    try {
      await api.http().get('/metrics').expect(404);
    } finally {
      await api.close();
    }
  });
});

describe('GET /metrics with Redis (rule: queue depth includes BullMQ jobs by state)', () => {
  it('reports the deadline queue\'s delayed, waiting and failed jobs', async () => {
    const redis = await PrivateRedis.start();
    const api = await startTestApi('sqlite', undefined, { env: { CASETRAIL_REDIS_URL: redis.url } });
    try {
      const text = (await api.http().get('/metrics').expect(200)).text;
      for (const state of ['delayed', 'waiting', 'failed']) expect(sample(text, 'casetrail_deadline_jobs', { state })).toBe(0);
    } finally {
      await api.close();
      await redis.stop();
    }
  });
});
