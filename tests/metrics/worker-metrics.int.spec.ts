import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DeadlineExpiry } from '@casetrail/scheduling';
import { loadConfig } from '@casetrail/shared';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TEST_MASTER_KEY } from '../support/api-app';
import { Casework, eventually } from '../deadlines/support/casework';
import { PrivateRedis } from '../support/private-redis';
import { freePort } from '../support/processes';
import { createTestSchema, describeWithPostgres, TestSchema } from '../support/services';

/** One sample's value from the Prometheus text format. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',').filter(Boolean);
    if (present.length === wanted.length && wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return undefined;
}

describe('deadline lateness (rule: a fired deadline reports how late it was recorded as missed)', () => {
  let casework: Casework;
  beforeEach(async () => {
    casework = await Casework.start();
  });
  afterEach(() => casework.close());

  it('tells the runtime now - dueAt for each ExpireDeadline sent, and nothing for an early timer', async () => {
    const seen: number[] = [];
    const expiry = new DeadlineExpiry({ ...casework.runtime, deadlineExpired: (ms) => seen.push(ms) });
    const due = new Date(Date.now() - 90_000);
    const opened = await casework.reportAsb(due);
    const firing = { ...opened, dueAt: due.toISOString(), jobId: 'job-1', attempt: 1 };
    expect(await expiry.fire(firing)).toBe('expired');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThanOrEqual(90_000);
    const later = await casework.reportAsb(new Date(Date.now() + 3_600_000));
    expect(await expiry.fire({ ...later, dueAt: new Date(Date.now() + 3_600_000).toISOString(), jobId: 'job-2', attempt: 1 })).toBe('early');
    expect(seen).toHaveLength(1);
  });
});

describeWithPostgres('the worker\'s metrics listener (rule: the worker serves /metrics on CASETRAIL_METRICS_PORT)', () => {
  const metricsToken = 'w'.repeat(40);
  let schema: TestSchema;
  let redis: PrivateRedis;
  let worker: INestApplicationContext;
  let casework: Casework;
  let url: string;

  beforeAll(async () => {
    [schema, redis] = await Promise.all([createTestSchema('wmetrics'), PrivateRedis.start()]);
    const port = await freePort();
    url = `http://127.0.0.1:${port}/metrics`;
    const config = loadConfig({
      CASETRAIL_STORE: 'postgres',
      CASETRAIL_PG_URL: schema.url,
      CASETRAIL_MASTER_KEY: TEST_MASTER_KEY,
      CASETRAIL_REDIS_URL: redis.url,
      CASETRAIL_PROJECTIONS: 'worker',
      CASETRAIL_METRICS_PORT: String(port),
      CASETRAIL_METRICS_TOKEN: metricsToken,
      CASETRAIL_LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      CASETRAIL_POLICY_DIR: 'policy',
      CASETRAIL_PG_POOL_SIZE: '2',
    });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await worker.init();
    casework = await Casework.startPostgres(schema.url);
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await casework?.close();
    await redis?.stop();
    await schema?.drop();
  });

  const scrape = async () => {
    const res = await fetch(url, { headers: { Authorization: `Bearer ${metricsToken}` } });
    expect(res.status).toBe(200);
    return res.text();
  };

  it('reports projection lag per projection, the escalation queue, BullMQ job states and deadline lateness', async () => {
    // An overdue deadline: the worker arms its job, fires it, and records how late that was.
    await casework.reportAsb(new Date(Date.now() - 60_000));
    const fired = await eventually(async () => (sample(await scrape(), 'casetrail_deadline_lateness_seconds_count') ?? 0) === 1, 30_000, 200);
    expect(fired).toBe(true);
    const caughtUp = await eventually(async () => sample(await scrape(), 'casetrail_projection_lag', { projection: 'case-summary' }) === 0, 30_000, 200);
    expect(caughtUp).toBe(true);
    const text = await scrape();
    expect(sample(text, 'casetrail_deadline_lateness_seconds_sum')).toBeGreaterThanOrEqual(60);
    expect(sample(text, 'casetrail_projection_lag', { projection: 'escalation-queue' })).toBeDefined();
    // The missed triage deadline puts the case in the escalation queue.
    expect(await eventually(async () => sample(await scrape(), 'casetrail_escalation_queue_entries') === 1, 30_000, 200)).toBe(true);
    for (const state of ['delayed', 'waiting', 'failed']) expect(sample(text, 'casetrail_deadline_jobs', { state })).toBeGreaterThanOrEqual(0);
  });

  it('needs the token when one is set, and serves nothing else', async () => {
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { Authorization: `Bearer ${'x'.repeat(40)}` } })).status).toBe(401);
    const other = await fetch(url.replace('/metrics', '/admin'), { headers: { Authorization: `Bearer ${metricsToken}` } });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
  });
});
