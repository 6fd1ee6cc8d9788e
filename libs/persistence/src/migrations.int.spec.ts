import { createTestSchema, describeWithPostgres, TestSchema } from '../../../tests/support/services';
import { sql } from 'kysely';
import { createDatabase, CasetrailDatabase } from './create-database';
import { migrateTables } from './migrations';

async function exerciseTables(db: CasetrailDatabase): Promise<void> {
  await migrateTables(db);
  await migrateTables(db); // a second run changes nothing
  await db
    .insertInto('access_log')
    .values({ at: '2026-01-01T00:00:00Z', user_id: 'u', role: 'auditor', agency: 'a', case_id: 'c', case_type: 't', endpoint: 'GET /x', request_id: 'r' })
    .execute();
  await db.insertInto('projection_checkpoints').values({ name: 'p', position: 2 ** 40 }).execute();
  const [log] = await db.selectFrom('access_log').selectAll().execute();
  expect(log).toMatchObject({ id: 1, case_id: 'c' });
  const checkpoint = await db.selectFrom('projection_checkpoints').select('position').executeTakeFirstOrThrow();
  expect(checkpoint.position).toBe(2 ** 40);
}

describe('persistence tables on SQLite', () => {
  it('migrate idempotently and hold rows', async () => {
    const db = createDatabase({ dialect: 'sqlite', path: ':memory:' });
    await exerciseTables(db);
    await db.destroy();
  });
});

describeWithPostgres('persistence tables on PostgreSQL', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema('persist');
  });
  afterAll(() => schema.drop());

  it('migrate idempotently and hold rows', async () => {
    const db = createDatabase({ dialect: 'postgres', connectionString: schema.url });
    await exerciseTables(db);
    await db.destroy();
  });
});

describe('durability of the connection', () => {
  it('commits read models without an fsync per commit on SQLite, and keeps the rest fully durable', async () => {
    const full = createDatabase({ dialect: 'sqlite', path: ':memory:' });
    const rebuildable = createDatabase({ dialect: 'sqlite', path: ':memory:' }, { durability: 'rebuildable' });
    const level = async (db: CasetrailDatabase) => (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db)).rows[0]!.synchronous;
    expect(await level(full)).toBe(2);
    expect(await level(rebuildable)).toBe(1);
    await Promise.all([full.destroy(), rebuildable.destroy()]);
  });
});

describeWithPostgres('durability of the connection on PostgreSQL', () => {
  it('turns synchronous_commit off only for read models, keeping the search_path', async () => {
    const schema = await createTestSchema('durable');
    const db = createDatabase({ dialect: 'postgres', connectionString: schema.url }, { durability: 'rebuildable' });
    const { rows } = await sql<{ s: string; p: string }>`SELECT current_setting('synchronous_commit') AS s, current_schema() AS p`.execute(db);
    expect(rows[0]).toEqual({ s: 'off', p: schema.schema });
    await db.destroy();
    await schema.drop();
  });
});
