import { Kysely, sql } from 'kysely';
import { CasetrailDatabase, CasetrailTables } from '@casetrail/persistence';
import { Projection } from '../projection';
import { asProjectionDb } from './apply-events';
import { dialectOf } from './dialect';
import { liveTableNames } from './table-names';

// Type aliases, not interfaces: Kysely's withTables<T> needs an index-signature-compatible T.

/** A projection that stopped on an event, one row per projection, written with the stop. */
export type ProjectionFailureTable = {
  name: string;
  position: number;
  event_type: string;
  error: string;
  failed_at: string;
  owner: string;
};

/** SQLite only: who runs a projection, until when (ms since the epoch). PostgreSQL uses advisory locks. */
export type ProjectionLeaseTable = {
  name: string;
  owner: string;
  expires_at: number;
};

/** A rebuild or verify asking the runners of a projection to let go of it for a moment. */
export type ProjectionHandoverTable = {
  name: string;
  requested_by: string;
  expires_at: number;
};

export type RunnerTables = CasetrailTables & {
  projection_failures: ProjectionFailureTable;
  projection_leases: ProjectionLeaseTable;
  projection_handovers: ProjectionHandoverTable;
};

export const runnerTables = (db: Kysely<CasetrailTables>): Kysely<RunnerTables> => db.withTables<Omit<RunnerTables, keyof CasetrailTables>>();

/**
 * Runs DDL so that processes starting together do not race: PostgreSQL's CREATE ... IF NOT EXISTS
 * can still fail on a concurrent create, so it runs under a transaction-scoped advisory lock.
 * SQLite serialises writers already.
 */
export async function withSchemaLock(db: CasetrailDatabase, work: (trx: Kysely<CasetrailTables>) => Promise<void>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (dialectOf(db) === 'postgres') {
      await sql`SELECT pg_advisory_xact_lock(hashtext('casetrail/projections-ddl/' || current_schema()))`.execute(trx);
    }
    await work(trx);
  });
}

/** The runner's own bookkeeping tables, beside projection_checkpoints. Safe to run on every start. */
export async function ensureRunnerTables(db: CasetrailDatabase): Promise<void> {
  await withSchemaLock(db, async (trx) => {
    const schema = runnerTables(trx).schema;
    await schema
      .createTable('projection_failures')
      .ifNotExists()
      .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addColumn('event_type', 'varchar(200)', (c) => c.notNull())
      .addColumn('error', 'text', (c) => c.notNull())
      .addColumn('failed_at', 'varchar(40)', (c) => c.notNull())
      .addColumn('owner', 'varchar(200)', (c) => c.notNull())
      .execute();
    await schema
      .createTable('projection_leases')
      .ifNotExists()
      .addColumn('name', 'varchar(200)', (c) => c.primaryKey())
      .addColumn('owner', 'varchar(200)', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await schema
      .createTable('projection_handovers')
      .ifNotExists()
      .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
      .addColumn('requested_by', 'varchar(200)', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
  });
}

async function existingTables(db: Kysely<CasetrailTables>): Promise<Set<string>> {
  const { rows } =
    dialectOf(db) === 'postgres'
      ? await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`.execute(db)
      : await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db);
  return new Set(rows.map((r) => r.name));
}

/**
 * The runner's tables and every projection's live tables, so readers never meet a missing table.
 * Only missing ones are created: on PostgreSQL even CREATE INDEX IF NOT EXISTS waits for the
 * table's lock, so a process starting beside a runner mid-batch would wait for that batch. A
 * projection whose tables or indexes change is rebuilt (`projections rebuild`), which creates
 * them afresh.
 */
export async function ensureProjectionTables(db: CasetrailDatabase, projections: readonly Projection<unknown>[]): Promise<void> {
  await ensureRunnerTables(db);
  const missing = async (trx: Kysely<CasetrailTables>) => {
    const existing = await existingTables(trx);
    return projections.filter((p) => (p.tables as readonly string[]).some((table) => !existing.has(table)));
  };
  if ((await missing(db)).length === 0) return;
  await withSchemaLock(db, async (trx) => {
    for (const projection of await missing(trx)) await projection.createTables(asProjectionDb(trx), liveTableNames());
  });
}
