import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@casetrail/event-store';
import { loadConfig } from '@casetrail/shared';
import { DEMO_USERS } from '../../apps/api/src/console/session/demo-users';
import { planDemoYear, scaledCounts } from '../../scripts/seed-demo/demo-year';
import { seedDemo, StoreNotEmptyError } from '../../scripts/seed-demo/seed-demo';
import { startTestApi, TestApi } from '../support/api-app';

jest.setTimeout(120_000);

const NOW = new Date('2026-03-02T10:00:00.000Z');

/** `npm run seed:demo` (scripts/seed-demo): a small borough-year into a fresh SQLite file, then the API on that file. */
describe('seed:demo', () => {
  let dir: string;
  let path: string;
  let api: TestApi | undefined;
  const config = () => loadConfig({ CASETRAIL_STORE: 'sqlite', CASETRAIL_SQLITE_PATH: path, CASETRAIL_JWT_SECRET: 'seed-test-secret-that-is-long-enough-for-hs256', CASETRAIL_LOG_LEVEL: 'silent', CASETRAIL_POLICY_DIR: process.env.CASETRAIL_POLICY_DIR });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-seed-'));
    path = join(dir, 'demo.db');
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scales the borough-year figures (84 ASB, 8 CPW/CPN, 2 Community Trigger, 276 DA) and spreads openings over the year before now', () => {
    expect(scaledCounts(undefined)).toEqual({ asb: 84, 'cpw-cpn': 8, 'community-trigger': 2, 'da-referral': 276 });
    expect(scaledCounts(37)).toEqual({ asb: 8, 'cpw-cpn': 1, 'community-trigger': 1, 'da-referral': 28 });
    const plan = planDemoYear(NOW);
    const opened = plan.map((c) => Date.parse(c.steps[0]!.at));
    expect(Math.min(...opened)).toBeGreaterThanOrEqual(NOW.getTime() - 365 * 86_400_000);
    expect(Math.max(...plan.flatMap((c) => c.steps.map((s) => Date.parse(s.at))))).toBeLessThan(NOW.getTime());
    expect(new Set(opened.map((t) => new Date(t).toISOString().slice(0, 7))).size).toBeGreaterThanOrEqual(12);
  });

  it('writes every case through the command path: each event carries its command, actor, role, agency and the time the plan gave it', async () => {
    const summary = await seedDemo(config(), { now: NOW, cases: 24 });
    expect(summary.cases).toEqual({ asb: 5, 'cpw-cpn': 1, 'community-trigger': 1, 'da-referral': 18 });
    expect(summary.refused).toEqual({});

    const store = new SqliteEventStore({ path });
    await store.init();
    try {
      const events = await store.readAll();
      const streams = new Set(events.map((e) => e.streamId));
      expect(streams.size).toBe(25);
      const planned = planDemoYear(NOW, 24).flatMap((c) => c.steps.map((s) => s.at));
      for (const event of events) {
        expect(event.metadata).toMatchObject({ actorRole: 'caseworker', commandId: expect.any(String), correlationId: expect.any(String) });
        expect(planned).toContain(event.metadata.occurredAt);
      }
      // The deciders' own output, not rows written by hand: deadlines scheduled, personal data encrypted.
      expect(events.some((e) => e.type === 'DeadlineScheduled')).toBe(true);
      expect(JSON.stringify(events)).not.toContain('Alex Example');
      const daActors = new Set(events.filter((e) => e.streamId.startsWith('da-referral-')).map((e) => e.metadata.agency));
      expect(daActors).toEqual(new Set([DEMO_USERS['da-caseworker'].agency]));
    } finally {
      await store.close();
    }
  });

  it('refuses to run again on a store that holds events, writing nothing', async () => {
    const store = new SqliteEventStore({ path });
    await store.init();
    const before = await store.headPosition();
    await store.close();
    await expect(seedDemo(config(), { now: NOW, cases: 24 })).rejects.toThrow(StoreNotEmptyError);
    const after = new SqliteEventStore({ path });
    await after.init();
    expect(await after.headPosition()).toBe(before);
    await after.close();
  });

  it('leaves the API with missed deadlines for the escalation queue and figures for the dashboard', async () => {
    api = await startTestApi('sqlite', NOW.toISOString(), { env: { CASETRAIL_SQLITE_PATH: path }, deadlines: 'armed' });
    const token = await api.token({ role: 'manager', agency: 'tmbc', daAccess: true });
    // The scheduler fires the deadlines that fell due while nothing ran, as after any downtime.
    let queue: { items: { caseId: string }[] } = { items: [] };
    for (let attempt = 0; attempt < 300 && queue.items.length === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      queue = (await api.http().get('/api/queues/escalations').set('Authorization', `Bearer ${token}`).expect(200)).body;
    }
    expect(queue.items.length).toBeGreaterThan(0);
    const stats = (await api.http().get('/api/stats').set('Authorization', `Bearer ${token}`).expect(200)).body as { totals: { type: string; cases: number }[] };
    expect(Object.fromEntries(stats.totals.map((t) => [t.type, t.cases]))).toEqual({ asb: 5, 'cpw-cpn': 1, 'community-trigger': 1, 'da-referral': 18 });
  });
});
