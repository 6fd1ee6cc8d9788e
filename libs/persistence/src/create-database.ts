import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool, types } from 'pg';
import { CasetrailTables } from './tables';

// PostgreSQL returns bigint (int8) as a string; our positions fit in a JS number.
types.setTypeParser(20, (value) => Number(value));

export type CasetrailDatabase = Kysely<CasetrailTables>;

export type DatabaseTarget = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; connectionString: string };

/** A Kysely handle on the same database as the events: the SQLite file or the PostgreSQL database. */
export function createDatabase(target: DatabaseTarget): CasetrailDatabase {
  if (target.dialect === 'sqlite') {
    if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
    const database = new Database(target.path);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('busy_timeout = 5000');
    return new Kysely<CasetrailTables>({ dialect: new SqliteDialect({ database }) });
  }
  const pool = new Pool({ connectionString: target.connectionString, max: 10, connectionTimeoutMillis: 5000 });
  return new Kysely<CasetrailTables>({ dialect: new PostgresDialect({ pool }) });
}
