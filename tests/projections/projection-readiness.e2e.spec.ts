import { sql } from 'kysely';
import { CasetrailDatabase } from '@casetrail/persistence';
import { DATABASE } from '../../apps/api/src/persistence/database.module';
import { ReadModels } from '../../apps/api/src/read-model/read-models.service';
import { startTestApi, StoreKind, TestApi } from '../support/api-app';
import { describeWithPostgres } from '../support/services';
import { asbReport } from '../e2e/api-fixtures';

function readinessSuite(kind: StoreKind) {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi(kind);
    token = await api.token({ role: 'caseworker' });
  });
  afterAll(() => api.close());

  it('is ready while every projection runs, and not ready, naming the event, once one stops', async () => {
    const ready = await api.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.projections).toMatchObject({ status: 'up' });

    // The case list's table vanishes behind the runner's back: its next event cannot be applied.
    await sql`DROP TABLE case_summaries`.execute(api.app.get<CasetrailDatabase>(DATABASE));
    const opened = await api.http().post('/api/cases').set('Authorization', `Bearer ${token}`).send(asbReport());
    expect(opened.status).toBe(201);
    const position: number = opened.body.position;
    // waitFor answers false as soon as the projection has stopped, not after its timeout.
    expect(await api.app.get(ReadModels).waitFor(position, 30_000, ['case-summary'])).toBe(false);

    const notReady = await api.http().get('/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.headers['content-type']).toMatch(/problem\+json/);
    const failed = notReady.body.checks.details.projections.failed as { projection: string; position: number; eventType: string; error: string }[];
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ projection: 'case-summary', eventType: 'AsbReported', error: expect.stringMatching(/case_summaries/) });
    expect(failed[0]!.position).toBeLessThanOrEqual(position);
    expect(notReady.body.checks.details.eventStore).toMatchObject({ status: 'up' });

    const list = await api.http().get(`/api/cases?consistentWith=${position}`).set('Authorization', `Bearer ${token}`);
    expect(list.status).toBe(503);
    expect(list.body.code).toBe('READ_MODEL_BEHIND');
    expect(list.headers['retry-after']).toBe('1');
  }, 60_000);
}

describe('readiness reports a stopped projection on SQLite', () => readinessSuite('sqlite'));
describeWithPostgres('readiness reports a stopped projection on PostgreSQL', () => readinessSuite('postgres'));
