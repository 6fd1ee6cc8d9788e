import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { EventStore, PostgresEventStore, SqliteEventStore } from '@casetrail/event-store';
import { DatabaseTarget } from '@casetrail/persistence';
import { PlannedAppend } from '../store/workload';
import { createRawPostgresTable, rawPostgresAppender, rawPostgresReadAll } from '../store/postgres-raw';
import { createRawSqliteTable, openRawSqlite, rawSqliteAppender, rawSqliteReadAll } from '../store/sqlite-raw';
import { postgresBaseUrl, withSearchPath } from '../store/postgres-section';

/** One adapter's fresh store for a scale run, with the raw driver baselines beside it. */
export interface ScaleStore {
  adapter: 'sqlite' | 'postgres';
  store: EventStore;
  clock: { now: Date };
  target: DatabaseTarget;
  rawAppend(planned: PlannedAppend): Promise<void>;
  /** A raw ordered read of every event through the driver (JSON parsed, as a reader must). */
  rawReadAll(pageSize: number): Promise<number>;
  /** A plain SQL query through the driver: the baseline for a read-model query. */
  rawQuery(sql: string): Promise<unknown[]>;
  describe: Record<string, unknown>;
  dispose(): Promise<void>;
}

export async function openSqliteScale(dir: string): Promise<ScaleStore> {
  const path = join(dir, 'scale.db');
  const clock = { now: new Date() };
  const store = new SqliteEventStore({ path, now: () => clock.now });
  await store.init();
  const raw = openRawSqlite(path);
  createRawSqliteTable(raw);
  const append = rawSqliteAppender(raw);
  const reader = new Database(path, { readonly: true });
  return {
    adapter: 'sqlite',
    store,
    clock,
    target: { dialect: 'sqlite', path },
    rawAppend: async (planned) => append(planned),
    rawReadAll: async (pageSize) => rawSqliteReadAll(raw, pageSize, true),
    rawQuery: async (sql) => reader.prepare(sql).all(),
    describe: { file: path, sqlite: raw.prepare('SELECT sqlite_version() AS v').pluck().get() },
    dispose: async () => {
      reader.close();
      raw.close();
      await store.close();
    },
  };
}

export async function openPostgresScale(keep: boolean): Promise<ScaleStore> {
  const admin = new Client({ connectionString: postgresBaseUrl(), connectionTimeoutMillis: 3000 });
  await admin.connect();
  const schema = `bench_scale_${randomBytes(5).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = withSearchPath(postgresBaseUrl(), schema);
  const clock = { now: new Date() };
  const store = new PostgresEventStore({ connectionString: url, now: () => clock.now, poolSize: 4 });
  await store.init();
  const raw = new Client({ connectionString: url });
  await raw.connect();
  await createRawPostgresTable(raw);
  const append = rawPostgresAppender([raw]);
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  return {
    adapter: 'postgres',
    store,
    clock,
    target: { dialect: 'postgres', connectionString: url },
    rawAppend: async (planned) => {
      await append(0, planned);
    },
    rawReadAll: (pageSize) => rawPostgresReadAll(raw, pageSize),
    rawQuery: async (sql) => (await raw.query(sql)).rows,
    describe: { schema, postgres: version },
    dispose: async () => {
      await raw.end();
      await store.close();
      if (!keep) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
