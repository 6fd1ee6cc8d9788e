import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { EventStore, KurrentDbEventStore, PostgresEventStore } from '@casetrail/event-store';
import { DEFAULT_PREFIX } from '@casetrail/scheduling';
import { mintToken } from '../../apps/api/src/auth/token-minter';
import { asbReport, logIncident } from '../e2e/api-fixtures';
import { createTestSchema, describeWithPostgres, describeWithRedis, TestSchema, testRedisUrl } from '../support/services';
import { describeWithKurrentDb, esdbUrl } from './support/kurrentdb';
import { eventually, freePort, RunningProcess, startProcess, stopProcess } from './support/processes';
import { execFile } from 'node:child_process';

// Hang guards, not speed checks: every wait below ends as soon as its condition holds.
jest.setTimeout(180_000);

const SECRET = 'multi-process-secret-that-is-long-enough-for-hs256';
/** This file's own Redis database (tests/deadlines use 9-15, bench:deadlines empties 8): the apps use BullMQ's default prefix. */
const REDIS_DB = 7;
/** The workers' clock runs a day and an hour ahead: a triage deadline (24 h) is due for them at once. */
const WORKER_CLOCK_AHEAD_MS = 25 * 3_600_000;

describeWithPostgres('many processes on one PostgreSQL and Redis', () => {
  describeWithRedis('2 API processes and 2 workers, events in PostgreSQL', () => describeStack('postgres'));
  // The same, with the events in KurrentDB (read models still in PostgreSQL): npm run test:esdb.
  describeWithRedis('2 API processes and 2 workers, events in KurrentDB', () =>
    describeWithKurrentDb('on CASETRAIL_ESDB_URL', () => describeStack('eventstoredb')),
  );
});

function describeStack(store: 'postgres' | 'eventstoredb'): void {
  let schema: TestSchema;
  /** Reads the events behind the processes' backs, through the same adapter they use. */
  let reader: EventStore;
  let pg: Client;
  let redisUrl: string;
  const apis: RunningProcess[] = [];
  const workers: RunningProcess[] = [];
  let token: string;
  const opened: string[] = [];

  const http = async (api: RunningProcess, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      contentType: response.headers.get('content-type'),
      body: text ? JSON.parse(text) : undefined,
    };
  };
  const openCase = async (api: RunningProcess, headers: Record<string, string> = {}) => {
    const response = await http(api, 'POST', '/api/cases', asbReport(), headers);
    expect(response.status).toBe(201);
    opened.push(response.body.caseId);
    return response;
  };
  /** Every event of the cases this test opened, read from the store. */
  const storedEvents = async () => (await Promise.all(opened.map((caseId) => reader.readStream(caseId)))).flat();
  const missedPerCase = async () => {
    const missed = new Map<string, number>();
    for (const e of await storedEvents()) if (e.type === 'DeadlineMissed') missed.set(e.streamId, (missed.get(e.streamId) ?? 0) + 1);
    return missed;
  };
  /** Projection name -> the application names of the sessions holding its advisory lock in this schema. */
  const lockHolders = async () => {
    const { rows } = await pg.query<{ name: string; holder: string }>(
      `SELECT c.name, a.application_name AS holder
         FROM projection_checkpoints c
         JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid = hashtext('casetrail/projections/' || current_schema())::oid
              AND l.objid = hashtext(c.name)::oid
         JOIN pg_stat_activity a ON a.pid = l.pid`,
    );
    const holders = new Map<string, string[]>();
    rows.forEach((r) => holders.set(r.name, [...(holders.get(r.name) ?? []), r.holder]));
    return holders;
  };
  /** What the workers say they run: `projections running: a, b, ...` in their start-up log. */
  const projectionNames = () => {
    const line = /projections running: ([a-z0-9, -]+)/.exec(workers[0]!.output())?.[1];
    if (!line) throw new Error(`the worker did not log its projections:\n${workers[0]!.output()}`);
    return line.split(',').map((name) => name.trim());
  };
  const heldBy = (holder: string) => workers.find((w) => holder.endsWith(`:${w.pid}`));

  beforeAll(async () => {
    schema = await createTestSchema('mp');
    pg = new Client({ connectionString: schema.url });
    await pg.connect();
    const url = new URL(testRedisUrl());
    url.pathname = `/${REDIS_DB}`;
    redisUrl = url.toString();
    await deleteQueueKeys(redisUrl);
    token = await mintToken({ userId: 'caseworker-1', role: 'caseworker', agency: 'tmbc', daAccess: false }, { secret: SECRET, issuer: 'casetrail-embedded', expiresIn: '1h' });

    const env = {
      ...(store === 'postgres' ? { CASETRAIL_STORE: 'postgres' } : { CASETRAIL_STORE: 'eventstoredb', CASETRAIL_ESDB_URL: esdbUrl()! }),
      CASETRAIL_PG_URL: schema.url,
      CASETRAIL_REDIS_URL: redisUrl,
      CASETRAIL_PROJECTIONS: 'worker',
      CASETRAIL_JWT_SECRET: SECRET,
      CASETRAIL_MASTER_KEY: randomBytes(32).toString('base64'),
      CASETRAIL_LOG_LEVEL: 'info',
      CASETRAIL_TEST_PG_POOL_MAX: '3',
    };
    // All four start at once on the empty schema: migrations are safe to race (each takes a lock).
    const smallPools = join(__dirname, 'support', 'small-pools.ts');
    const clockAhead = join(__dirname, 'support', 'clock-ahead.ts');
    const workerEnv = { ...env, CASETRAIL_TEST_CLOCK_AHEAD_MS: String(WORKER_CLOCK_AHEAD_MS) };
    const started = await Promise.allSettled([
      startProcess('api', env, [smallPools]),
      startProcess('api', env, [smallPools]),
      startProcess('worker', workerEnv, [smallPools, clockAhead]),
      startProcess('worker', workerEnv, [smallPools, clockAhead]),
    ]);
    started.forEach((s) => s.status === 'fulfilled' && (s.value.kind === 'api' ? apis : workers).push(s.value));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    reader = store === 'postgres' ? new PostgresEventStore({ connectionString: schema.url, poolSize: 2 }) : new KurrentDbEventStore({ connectionString: esdbUrl()! });
    await reader.init();
  });

  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((p) => stopProcess(p)));
    await pg?.end();
    await reader?.close();
    await deleteQueueKeys(redisUrl).catch(() => undefined);
    await schema?.drop();
  });

  it('opens cases through both APIs at once: every event stored once, revisions without gaps, positions unique', async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => openCase(apis[i % 2]!)));
    const events = await storedEvents();
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(new Set(events.map((e) => e.position)).size).toBe(events.length);
    for (const { body } of responses) {
      // The workers may already have appended to the case (its deadline); the opening is revisions 0..r.
      const revisions = events.filter((e) => e.streamId === body.caseId).map((e) => e.revision);
      expect(revisions).toEqual(revisions.map((_, i) => i));
      expect(revisions.length).toBeGreaterThanOrEqual(body.revision + 1);
      expect(events.find((e) => e.streamId === body.caseId && e.revision === body.revision)?.position).toBe(body.position);
    }
  });

  it('fires every deadline exactly once across the two workers', async () => {
    // Each ASB report set a triage deadline 24 h out: for the workers it is already due.
    expect(await eventually(async () => {
      const missed = await missedPerCase();
      return opened.every((caseId) => missed.get(caseId) === 1);
    })).toBe(true);
    const missed = await missedPerCase();
    expect(opened.filter((caseId) => missed.get(caseId) !== 1)).toEqual([]);
  });

  it('holds an Idempotency-Key across processes: the same request to both APIs opens one case', async () => {
    const key = randomUUID();
    const first = await openCase(apis[0]!, { 'Idempotency-Key': key });
    const again = await http(apis[1]!, 'POST', '/api/cases', asbReport(), { 'Idempotency-Key': key });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const racedKey = randomUUID();
    const raced = await Promise.all(apis.map((api) => http(api, 'POST', '/api/cases', asbReport(), { 'Idempotency-Key': racedKey })));
    expect(raced.map((r) => [r.status, r.status === 201 ? '' : JSON.stringify(r.body)])).toEqual([[201, ''], [201, '']]);
    expect(raced[1]!.body.caseId).toBe(raced[0]!.body.caseId);
    opened.push(raced[0]!.body.caseId);
    const reports = (await storedEvents()).filter((e) => e.type === 'AsbReported' && [first.body.caseId, raced[0]!.body.caseId].includes(e.streamId));
    expect(reports).toHaveLength(2);
  });

  it('lets exactly one of two processes win the same If-Match; the other is refused with problem+json', async () => {
    const [caseId] = opened;
    // A worker may append to the case between our read and our writes; then both lose and we try again.
    let loser: { status: number; code: string; type: string | null } | undefined;
    for (let attempt = 0; attempt < 10 && !loser; attempt++) {
      const current = await http(apis[0]!, 'GET', `/api/cases/${caseId}`);
      const results = await Promise.all(
        apis.map((api, i) => http(api, 'POST', `/api/cases/${caseId}/commands`, logIncident(`race-${attempt}-${i}`), { 'If-Match': current.etag! })),
      );
      const winners = results.filter((r) => r.status === 200);
      expect(winners.length).toBeLessThanOrEqual(1);
      const refused = results.find((r) => r.status !== 200)!;
      if (winners.length === 1) loser = { status: refused.status, code: refused.body.code, type: refused.contentType };
    }
    // 412 when the loser read the case after the winner's write; 409 when both passed If-Match and the store's revision check decided.
    expect([[412, 'IF_MATCH_FAILED'], [409, 'CONCURRENT_WRITE']]).toContainEqual([loser?.status, loser?.code]);
    expect(loser?.type).toMatch(/^application\/problem\+json/);
  });

  it('reads its own write through the other API with consistentWith', async () => {
    const created = await openCase(apis[0]!);
    const list = await http(apis[1]!, 'GET', `/api/cases?consistentWith=${created.body.position}`);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).toContain(created.body.caseId);
  });

  it("passes the image's health check (infra/healthcheck.js) for an API and for a worker", async () => {
    const port = new URL(apis[0]!.url!).port;
    expect(await healthcheck('api', { PORT: port })).toBe(0);
    expect(await healthcheck('worker', { CASETRAIL_REDIS_URL: redisUrl })).toBe(0);
    // And fails where nothing answers: a port no API listens on, a Redis database without workers.
    expect(await healthcheck('api', { PORT: String(await freePort()) })).toBe(1);
    const emptyDb = new URL(redisUrl);
    emptyDb.pathname = `/${REDIS_DB - 1}`;
    expect(await healthcheck('worker', { CASETRAIL_REDIS_URL: emptyDb.toString() })).toBe(1);
  });

  it('runs each projection in exactly one process; when that worker is killed the other takes over', async () => {
    const names = projectionNames();
    expect(names.length).toBeGreaterThan(0);
    expect(
      await eventually(async () => {
        const holders = await lockHolders();
        return names.every((name) => holders.has(name));
      }),
    ).toBe(true);
    const before = await lockHolders();
    for (const name of names) {
      expect(before.get(name)).toHaveLength(1);
      expect(heldBy(before.get(name)![0]!)).toBeDefined();
    }

    const victim = heldBy(before.get(names[0]!)![0]!)!;
    const survivor = workers.find((w) => w !== victim)!;
    victim.child.kill('SIGKILL');
    await victim.exited;
    expect(
      await eventually(async () => {
        const after = await lockHolders();
        return names.every((name) => after.get(name)?.length === 1 && heldBy(after.get(name)![0]!) === survivor);
      }),
    ).toBe(true);

    // The survivor projects new writes (read-your-writes through either API) and fires their deadlines.
    const created = await openCase(apis[1]!);
    for (const api of apis) {
      const list = await http(api, 'GET', `/api/cases?consistentWith=${created.body.position}`);
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).toContain(created.body.caseId);
    }
    expect(await eventually(async () => (await missedPerCase()).get(created.body.caseId) === 1)).toBe(true);
  });

  it('ends with no event lost or stored twice, and no deadline fired twice', async () => {
    const events = await storedEvents();
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(new Set(events.map((e) => e.position)).size).toBe(events.length);
    const byStream = new Map<string, number[]>();
    events.forEach((e) => byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.revision]));
    for (const revisions of byStream.values()) expect(revisions).toEqual(revisions.map((_, i) => i));
    const missed = await missedPerCase();
    expect([...missed.values()].filter((n) => n !== 1)).toEqual([]);
    expect(opened.every((caseId) => byStream.has(caseId))).toBe(true);
  });
}

/** Runs the image's health check as Docker would; resolves with its exit code. */
function healthcheck(role: 'api' | 'worker', env: Record<string, string>): Promise<number> {
  const script = join(__dirname, '..', '..', 'infra', 'healthcheck.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [script, role], { env: { ...process.env, ...env } }, (error) => resolve(error ? Number(error.code ?? 1) : 0));
  });
}

/** Deletes this database's BullMQ keys (the apps' default prefix) and nothing else. */
async function deleteQueueKeys(url: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${DEFAULT_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
