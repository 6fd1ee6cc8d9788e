import { createTestSchema, describeWithPostgres, TestSchema } from '../../../tests/support/services';
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
