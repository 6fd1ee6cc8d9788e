import { describeWithRedis, testRedisUrl } from '../support/services';
import { startTestApi, TestApi } from '../support/api-app';

describeWithRedis('readiness with Redis configured', () => {
  let up: TestApi;
  let down: TestApi;
  beforeAll(async () => {
    up = await startTestApi('sqlite', undefined, { env: { CASETRAIL_REDIS_URL: testRedisUrl() } });
    down = await startTestApi('sqlite', undefined, { env: { CASETRAIL_REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  afterAll(async () => {
    await up.close();
    await down.close();
  });

  it('is ready when the store and Redis answer', async () => {
    const res = await up.http().get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.info).toMatchObject({ eventStore: { status: 'up' }, redis: { status: 'up' } });
  });

  it('is not ready, with 503, when Redis does not answer; liveness is unaffected', async () => {
    const res = await down.http().get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.checks.details).toMatchObject({ redis: { status: 'down' }, eventStore: { status: 'up' } });
    expect((await down.http().get('/health/live')).status).toBe(200);
  });
});
