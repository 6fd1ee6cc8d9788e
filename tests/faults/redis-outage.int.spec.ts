import { QueuedDeadlines } from '@casetrail/scheduling';
import { asbReport, logIncident } from '../e2e/api-fixtures';
import { mint, TOKEN_ENV } from '../security/tokens';
import { TEST_MASTER_KEY } from '../support/api-app';
import { Casework } from '../deadlines/support/casework';
import { queuedDeadlines } from '../deadlines/support/queued';
import { PrivateRedis } from '../support/private-redis';
import { eventually, startApiProcess } from '../support/processes';
import { RawHttp } from '../support/raw-http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Hang guards, not speed checks: every wait below ends as soon as its condition holds.
jest.setTimeout(180_000);

const PER_GROUP = 20;
const until = (at: Date) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at.getTime() - Date.now())));

/**
 * Redis killed, restarted empty, and flushed while deadlines are pending (a private
 * redis-server: the shared one is never touched). No deadline is lost and none fires twice;
 * commands that do not need Redis keep working throughout.
 */
describe('fault: Redis stopped, restarted and flushed while deadlines are pending', () => {
  let redis: PrivateRedis;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
  });
  afterAll(() => redis.stop());

  it('fires every deadline exactly once across a kill, an empty restart and a FLUSHALL', async () => {
    const casework = await Casework.start();
    // The check for a Redis that lost its jobs runs often here so the test need not wait for it.
    const deadlines: QueuedDeadlines = queuedDeadlines(casework, redis.url, 'redis-outage', { redisCheckEveryMs: 300 });
    try {
      await deadlines.start();
      const soon = new Date(Date.now() + 1500);
      const duringOutage = new Date(Date.now() + 4000);
      const afterFlush = new Date(Date.now() + 9000);
      const groups = { soon: [] as { caseId: string }[], duringOutage: [] as { caseId: string }[], afterFlush: [] as { caseId: string }[] };
      for (let i = 0; i < PER_GROUP; i += 1) {
        groups.soon.push(await casework.reportAsb(soon));
        groups.duringOutage.push(await casework.reportAsb(duringOutage));
        groups.afterFlush.push(await casework.reportAsb(afterFlush));
      }
      expect(await deadlines.processor.waitFor(await casework.store.headPosition(), 30_000)).toBe(true);
      expect(await eventually(async () => (await casework.missedCount()) >= PER_GROUP, 60_000)).toBe(true);

      // Killed, and kept down past the second group's deadlines; the store takes commands meanwhile.
      await redis.stop();
      for (const { caseId } of groups.soon) await casework.send(caseId, 'LogIncident', logIncident(`while-down-${caseId.slice(-6)}`).data, new Date());
      await until(duringOutage);
      // Restarted empty (nothing saved): every queued job is gone.
      await redis.start();
      expect(await eventually(async () => (await casework.missedCount()) >= 2 * PER_GROUP, 60_000)).toBe(true);

      // Flushed before the third group falls due.
      await redis.flushAll();
      await until(afterFlush);
      expect(await eventually(async () => (await casework.missedCount()) >= 3 * PER_GROUP, 60_000)).toBe(true);

      const missed = await casework.missedByCase();
      const all = [...groups.soon, ...groups.duringOutage, ...groups.afterFlush];
      expect(all.filter((c) => missed.get(c.caseId) !== 1).map((c) => `${c.caseId}: ${missed.get(c.caseId) ?? 0}`)).toEqual([]);
      expect(await casework.missedCount()).toBe(all.length);
    } finally {
      await deadlines.stop().catch(() => undefined);
      await casework.close();
    }
  });

  it('keeps answering commands over HTTP while Redis is down, and reports the outage on /health/ready', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-redis-outage-'));
    const api = await startApiProcess({
      CASETRAIL_SQLITE_PATH: join(dir, 'casetrail.db'),
      CASETRAIL_REDIS_URL: redis.url,
      CASETRAIL_MASTER_KEY: TEST_MASTER_KEY,
      ...TOKEN_ENV,
    });
    const http = new RawHttp(api.url);
    try {
      const headers = { Authorization: `Bearer ${await mint({ role: 'caseworker', userId: 'redis-1', agency: 'tmbc' })}`, 'Content-Type': 'application/json' };
      expect(await eventually(async () => (await http.send({ method: 'GET', path: '/health/ready' })).status === 200)).toBe(true);
      await redis.stop();
      expect(await eventually(async () => (await http.send({ method: 'GET', path: '/health/ready' })).status === 503)).toBe(true);
      const ready = await http.send({ method: 'GET', path: '/health/ready' });
      expect(ready.text).toContain('redis');

      const opened = await http.send({ method: 'POST', path: '/api/cases', headers, body: JSON.stringify(asbReport()) });
      expect(opened.status).toBe(201);
      const { caseId } = opened.json() as { caseId: string };
      const logged = await http.send({ method: 'POST', path: `/api/cases/${caseId}/commands`, headers, body: JSON.stringify(logIncident('redis-down')) });
      expect(logged.status).toBe(200);
      expect((await http.send({ method: 'GET', path: `/api/cases/${caseId}`, headers })).status).toBe(200);

      await redis.start();
      expect(await eventually(async () => (await http.send({ method: 'GET', path: '/health/ready' })).status === 200, 60_000)).toBe(true);
    } finally {
      http.close();
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
