import { sql } from 'kysely';
import { ConfigError, loadConfig } from '@casetrail/shared';
import { createTestSchema, describeWithPostgres, TestSchema } from '../../../tests/support/services';
import { createDatabase, DEFAULT_PG_POOL_SIZE } from './create-database';

/** How many server sessions a handle opens when more queries than that wait at once. */
async function sessionsUsed(url: string, poolSize: number | undefined, concurrentQueries: number): Promise<number> {
  const db = createDatabase({ dialect: 'postgres', connectionString: url, ...(poolSize === undefined ? {} : { poolSize }) });
  try {
    const pids = await Promise.all(
      Array.from({ length: concurrentQueries }, () => sql<{ pid: number }>`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)`.execute(db)),
    );
    return new Set(pids.map((r) => r.rows[0]!.pid)).size;
  } finally {
    await db.destroy();
  }
}

describeWithPostgres('PostgreSQL pool size (rule: CASETRAIL_PG_POOL_SIZE bounds each pool)', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema('pool');
  });
  afterAll(() => schema.drop());

  it('opens at most poolSize sessions however many queries wait', async () => {
    expect(await sessionsUsed(schema.url, 2, 8)).toBe(2);
    expect(await sessionsUsed(schema.url, 3, 8)).toBe(3);
  });

  it(`defaults to ${DEFAULT_PG_POOL_SIZE}, as the configuration does`, async () => {
    expect(await sessionsUsed(schema.url, undefined, 12)).toBe(DEFAULT_PG_POOL_SIZE);
    expect(loadConfig({}).CASETRAIL_PG_POOL_SIZE).toBe(DEFAULT_PG_POOL_SIZE);
  });
});

describe('CASETRAIL_PG_POOL_SIZE', () => {
  it.each(['0', '51', 'ten', '2.5'])('stops start-up naming the variable for %p', (value) => {
    expect(() => loadConfig({ CASETRAIL_PG_POOL_SIZE: value })).toThrow(ConfigError);
    expect(() => loadConfig({ CASETRAIL_PG_POOL_SIZE: value })).toThrow(/CASETRAIL_PG_POOL_SIZE/);
  });

  it('accepts a whole number from 1 to 50', () => {
    expect(loadConfig({ CASETRAIL_PG_POOL_SIZE: '12' }).CASETRAIL_PG_POOL_SIZE).toBe(12);
  });
});
