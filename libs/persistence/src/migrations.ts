import { Kysely, Migration, Migrator, sql } from 'kysely';

/** Append-only: never edit a shipped migration. Written with Kysely's builder for both dialects. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_api_tables': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('key_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('response_body', 'text', (c) => c.notNull())
        .addColumn('response_headers', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('idempotency_keys_expiry').on('idempotency_keys').column('expires_at').execute();
    },
  },
  '0002_access_log': {
    async up(db: Kysely<unknown>) {
      const dialect = db.getExecutor().adapter.constructor.name;
      await db.schema
        .createTable('access_log')
        .addColumn('id', 'integer', (c) =>
          dialect.startsWith('Postgres') ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
        )
        .addColumn('at', 'varchar(40)', (c) => c.notNull())
        .addColumn('user_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('role', 'varchar(50)', (c) => c.notNull())
        .addColumn('agency', 'varchar(100)', (c) => c.notNull())
        .addColumn('case_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('case_type', 'varchar(50)', (c) => c.notNull())
        .addColumn('endpoint', 'varchar(200)', (c) => c.notNull())
        .addColumn('request_id', 'varchar(100)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('access_log_case').on('access_log').columns(['case_id', 'at']).execute();
      await db.schema.createIndex('access_log_at').on('access_log').column('at').execute();
    },
  },
  '0003_projection_checkpoints': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('projection_checkpoints')
        .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0004_subject_keys': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('subject_keys')
        .addColumn('subject_id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('case_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('slot', 'varchar(300)', (c) => c.notNull())
        .addColumn('wrapped_key', 'text')
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('destroyed_at', 'varchar(40)')
        .execute();
      await db.schema.createIndex('subject_keys_case').on('subject_keys').column('case_id').execute();
    },
  },
};

export async function migrateTables<T>(db: Kysely<T>): Promise<void> {
  // Kysely looks for its own tables in every schema unless told which: on PostgreSQL, another
  // schema's kysely_migration_lock (another deployment, or a parallel test file) would be taken
  // for this one's, and the migration would fail with "relation does not exist".
  const migrationTableSchema = db.getExecutor().adapter.constructor.name.startsWith('Postgres')
    ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]?.schema
    : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
