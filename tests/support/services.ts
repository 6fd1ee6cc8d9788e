import { randomBytes } from 'node:crypto';
import { Socket } from 'node:net';
import { Client } from 'pg';

/**
 * Which real services the tests may use. Probed once per run in the global setup; suites that
 * need an unreachable one are skipped with a one-line reason, or fail the whole run when
 * CASETRAIL_REQUIRE_SERVICES=1 (CI). Tests never mock a database or a queue.
 */
export const testPgUrl = (): string =>
  process.env.CASETRAIL_TEST_PG_URL ?? process.env.CASETRAIL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const testRedisUrl = (): string =>
  process.env.CASETRAIL_TEST_REDIS_URL ?? process.env.CASETRAIL_REDIS_URL ?? 'redis://127.0.0.1:6379';

const UNAVAILABLE = { postgres: 'CASETRAIL_TEST_PG_UNAVAILABLE', redis: 'CASETRAIL_TEST_REDIS_UNAVAILABLE' } as const;
type Service = keyof typeof UNAVAILABLE;

export async function probePostgres(url = testPgUrl()): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL unreachable at ${redact(url)}: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function probeRedis(url = testRedisUrl()): Promise<string | undefined> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (reason?: string) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(3000, () => done(`Redis unreachable at ${redact(url)}: timed out`));
    socket.once('error', (error) => done(`Redis unreachable at ${redact(url)}: ${error.message}`));
    socket.connect(Number(port || 6379), hostname, () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG') ? undefined : `Redis at ${redact(url)} answered ${data}`));
  });
}

/** Called from jest's global setup: records what is down for the test files, which run later. */
export function recordUnavailable(service: Service, reason: string | undefined): void {
  if (reason) process.env[UNAVAILABLE[service]] = reason;
  else delete process.env[UNAVAILABLE[service]];
}

function unavailable(service: Service): string | undefined {
  return process.env[UNAVAILABLE[service]];
}

/** `describe` when the service is up; otherwise a skipped `describe` whose title says why. */
export function describeWith(service: Service, name: string, body: () => void): void {
  const reason = unavailable(service);
  if (reason) describe.skip(`${name} [skipped: ${reason}]`, body);
  else describe(name, body);
}

/**
 * For what the global setup does not probe (Chromium, a private PostgreSQL's binaries, root for a
 * tmpfs): `describe` when `missing` is undefined; otherwise the suite fails under
 * CASETRAIL_REQUIRE_SERVICES=1 (as CI runs) and is skipped with the reason elsewhere.
 */
export function describeUnless(missing: string | undefined, name: string, body: () => void): void {
  if (!missing) return describe(name, body);
  if (process.env.CASETRAIL_REQUIRE_SERVICES === '1') {
    return describe(name, () => {
      it('has what it needs', () => {
        throw new Error(`CASETRAIL_REQUIRE_SERVICES=1 but ${missing}`);
      });
    });
  }
  process.stderr.write(`\n[casetrail tests] suite skipped: ${missing}\n`);
  describe.skip(`${name} [skipped: ${missing}]`, body);
}

export const describeWithPostgres = (name: string, body: () => void) => describeWith('postgres', name, body);
export const describeWithRedis = (name: string, body: () => void) => describeWith('redis', name, body);

export interface TestSchema {
  schema: string;
  /** A connection string whose sessions use only this schema. */
  url: string;
  drop(): Promise<void>;
}

/** A fresh schema for one test file, so files can run in parallel on the same database. */
export async function createTestSchema(prefix = 't'): Promise<TestSchema> {
  const schema = `ct_${prefix}_${randomBytes(5).toString('hex')}`.toLowerCase();
  const base = testPgUrl();
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an invalid URL';
  }
}
