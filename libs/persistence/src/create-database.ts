import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { Pool, types } from 'pg';
import { SchemaScopedPostgresDialect } from './schema-scoped-introspector';
import { CasetrailTables } from './tables';

// PostgreSQL returns bigint (int8) as a string; our positions fit in a JS number.
types.setTypeParser(20, (value) => Number(value));

export type CasetrailDatabase = Kysely<CasetrailTables>;

/** `poolSize`: connections this handle's pool may open (CASETRAIL_PG_POOL_SIZE; default 5). */
export type DatabaseTarget = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; connectionString: string; poolSize?: number };

export const DEFAULT_PG_POOL_SIZE = 5;

export interface DatabaseOptions {
  /**
   * `full` (default): a commit survives power loss — for the access log and idempotency keys.
   * `rebuildable`: for read models only, which a rebuild recreates from the events. On SQLite the
   * connection skips the fsync per commit (WAL with synchronous=NORMAL stays consistent: a power
   * cut loses the last commits, rows and checkpoint together, and the runner re-applies them).
   */
  durability?: 'full' | 'rebuildable';
}

/** A Kysely handle on the same database as the events: the SQLite file or the PostgreSQL database. */
export function createDatabase(target: DatabaseTarget, options: DatabaseOptions = {}): CasetrailDatabase {
  if (target.dialect === 'sqlite') {
    if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
    const database = new Database(target.path);
    database.pragma('journal_mode = WAL');
    database.pragma(options.durability === 'rebuildable' ? 'synchronous = NORMAL' : 'synchronous = FULL');
    database.pragma('busy_timeout = 5000');
    // 16 MiB of page cache (SQLite's default is 2 MiB): read models written by hashed or random
    // keys touch pages all over their indexes, and with the default most of them were read back
    // from the OS and spilled to the WAL again. Measured on a repeat-index rebuild of 200k events
    // (bench/projections/profile.ts): CPU per event down by about a third; 64 MiB did no better.
    database.pragma('cache_size = -16384');
    return new Kysely<CasetrailTables>({ dialect: new SqliteDialect({ database }) });
  }
  // PostgreSQL's equivalent: the commit returns before its WAL reaches disk (never inconsistent).
  const connectionString =
    options.durability === 'rebuildable' ? withServerOption(target.connectionString, '-c synchronous_commit=off') : target.connectionString;
  const pool = new Pool({ connectionString, max: target.poolSize ?? DEFAULT_PG_POOL_SIZE, connectionTimeoutMillis: 5000 });
  // A server restart drops every connection. pg emits 'error' on the pool for an idle one and on
  // the client for one checked out between queries; unheard, either crashes the process. Heard,
  // the next query on it fails (isDatabaseUnavailable) and the pool discards it.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<CasetrailTables>({ dialect: new SchemaScopedPostgresDialect({ pool }) });
}

/** Adds a server option to those the connection string already carries (e.g. a search_path). */
function withServerOption(connectionString: string, option: string): string {
  const url = new URL(connectionString);
  const existing = url.searchParams.get('options');
  url.searchParams.set('options', existing ? `${existing} ${option}` : option);
  return url.toString();
}
