import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { EventStore, PostgresEventStore, SqliteEventStore } from '@casetrail/event-store';
import { CasetrailDatabase, createDatabase, DatabaseTarget, migrateTables } from '@casetrail/persistence';
import { LeaseTiming, Projection, ProjectionHost, RunnerTuning } from '@casetrail/projections';
import { createTestSchema, describeWithPostgres } from '../../support/services';

export type Dialect = 'sqlite' | 'postgres';

/** Short waits so takeovers and handovers happen within a test's patience, not a production's. */
export const FAST_TUNING: Partial<RunnerTuning> = { pollMs: 100, handoverCheckMs: 50, retryMs: 100 };
export const FAST_LEASE: LeaseTiming = { leaseMs: 1_500, renewMs: 300 };

export interface ProjectionFixture {
  dialect: Dialect;
  store: EventStore;
  db: CasetrailDatabase;
  target: DatabaseTarget;
  /** Settings a child process or the CLI needs to reach the same store and database. */
  env: Record<string, string>;
  host(projections: Projection<unknown>[], owner: string, tuning?: Partial<RunnerTuning>): ProjectionHost;
  rows(table: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** A fresh store and read-model database: a SQLite file, or a PostgreSQL schema of its own. */
export async function openFixture(dialect: Dialect): Promise<ProjectionFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-projections-'));
  const schema = dialect === 'postgres' ? await createTestSchema('proj') : undefined;
  const path = join(dir, 'casetrail.db');
  const target: DatabaseTarget = schema ? { dialect: 'postgres', connectionString: schema.url } : { dialect: 'sqlite', path };
  const store: EventStore = schema ? new PostgresEventStore({ connectionString: schema.url, pollIntervalMs: 100 }) : new SqliteEventStore({ path, pollIntervalMs: 50 });
  await store.init();
  const db = createDatabase(target);
  await migrateTables(db);
  const hosts: ProjectionHost[] = [];
  return {
    dialect,
    store,
    db,
    target,
    env: schema ? { CASETRAIL_STORE: 'postgres', CASETRAIL_PG_URL: schema.url } : { CASETRAIL_STORE: 'sqlite', CASETRAIL_SQLITE_PATH: path },
    host(projections, owner, tuning = FAST_TUNING) {
      const host = new ProjectionHost({ store, db, target, projections, owner, mode: 'run', tuning, leaseTiming: FAST_LEASE });
      hosts.push(host);
      return host;
    },
    async rows(table) {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY 1`.execute(db);
      return rows;
    },
    async close() {
      for (const host of hosts) await host.stop().catch(() => undefined);
      await db.destroy();
      await store.close();
      await schema?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One describe per dialect; the PostgreSQL one is skipped, with its reason, when the server is down. */
export function describeOnEachDialect(name: string, body: (dialect: Dialect) => void): void {
  describe(`${name} on SQLite`, () => body('sqlite'));
  describeWithPostgres(`${name} on PostgreSQL`, () => body('postgres'));
}

/** Polls `check` until it holds; for states a background loop reaches (a stop, a takeover). */
export async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
