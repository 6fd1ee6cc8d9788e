import { Client } from 'pg';
import { DatabaseIntrospector, Kysely, PostgresIntrospector, sql } from 'kysely';
import { createTestSchema, describeWithPostgres, testPgUrl, TestSchema } from '../../../tests/support/services';
import { createDatabase, CasetrailDatabase } from './create-database';
import { migrateTables } from './migrations';
import { SchemaScopedPostgresIntrospector } from './schema-scoped-introspector';

/**
 * The start-up flake "relation "ct_proj_….case_counts__shadow" does not exist": Kysely's
 * introspector (which the Migrator uses) resolved every schema's tables by name, racing DDL in
 * other schemas. Made deterministic: the introspection runs in a snapshot taken before another
 * session drops a table, exactly what happens when the drop lands while the query runs.
 */
describeWithPostgres('introspection while other sessions change tables (rule: migrations ignore other schemas)', () => {
  let ours: TestSchema;
  let other: TestSchema;
  let db: CasetrailDatabase;
  let admin: Client;

  beforeAll(async () => {
    [ours, other] = await Promise.all([createTestSchema('scoped'), createTestSchema('other')]);
    admin = new Client({ connectionString: testPgUrl() });
    await admin.connect();
    db = createDatabase({ dialect: 'postgres', connectionString: ours.url });
    await migrateTables(db);
  });
  afterAll(async () => {
    await db.destroy();
    await admin.end();
    await Promise.all([ours.drop(), other.drop()]);
  });

  async function introspectAfterDrop(table: string, introspector: (trx: Kysely<unknown>) => DatabaseIntrospector) {
    await admin.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, name text)`);
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`SELECT 1`.execute(trx); // the snapshot: the table still exists in it
        await admin.query(`DROP TABLE ${table}`);
        return introspector(trx as unknown as Kysely<unknown>).getTables({ withInternalKyselyTables: true });
      });
  }

  it("shows the cause: Kysely's own introspector fails when another schema's table is dropped during it", async () => {
    await expect(introspectAfterDrop(`${other.schema}.case_counts__shadow`, (trx) => new PostgresIntrospector(trx))).rejects.toThrow(
      /does not exist/,
    );
  });

  it('lists only the current schema, unaffected by a drop in another schema or in its own', async () => {
    const scoped = (trx: Kysely<unknown>) => new SchemaScopedPostgresIntrospector(trx);
    const elsewhere = await introspectAfterDrop(`${other.schema}.case_counts__shadow`, scoped);
    expect(new Set(elsewhere.map((t) => t.schema))).toEqual(new Set([ours.schema]));
    expect(elsewhere.map((t) => t.name)).toEqual(expect.arrayContaining(['access_log', 'kysely_migration', 'kysely_migration_lock']));
    await expect(introspectAfterDrop(`${ours.schema}.case_counts__shadow`, scoped)).resolves.toBeDefined();
  });

  it('is what createDatabase uses, so the Migrator sees no other schema, and reports columns as Kysely does', async () => {
    await admin.query(`CREATE TABLE ${other.schema}.foreign_table (id int)`);
    const tables = await db.introspection.getTables();
    expect(tables.every((t) => t.schema === ours.schema)).toBe(true);
    expect(tables.map((t) => t.name)).not.toContain('kysely_migration');
    const accessLog = tables.find((t) => t.name === 'access_log')!;
    expect(accessLog.isView).toBe(false);
    expect(accessLog.columns.map((c) => c.name)).toEqual(['id', 'at', 'user_id', 'role', 'agency', 'case_id', 'case_type', 'endpoint', 'request_id']);
    expect(accessLog.columns[0]).toEqual({
      name: 'id', dataType: 'int4', dataTypeSchema: 'pg_catalog', isNullable: false, hasDefaultValue: false, isAutoIncrementing: true,
    });
    expect(accessLog.columns[1]).toMatchObject({ name: 'at', dataType: 'varchar', isNullable: false, isAutoIncrementing: false });
    await migrateTables(db); // a second run still finds its own tables
  });
});
