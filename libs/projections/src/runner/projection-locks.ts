import { hostname } from 'node:os';
import { CasetrailDatabase, DatabaseTarget } from '@casetrail/persistence';
import { ProjectionLocks } from './projection-lock';
import { PostgresAdvisoryLocks } from './postgres-advisory-locks';
import { DEFAULT_LEASE_TIMING, LeaseTiming, SqliteLeases } from './sqlite-leases';

/** `<role>@<host>:<pid>`, e.g. `api@casework-1:4182`: what status shows as the holder. */
export function processOwner(role: string): string {
  return `${role}@${hostname()}:${process.pid}`;
}

/** The lock kind of the database: advisory locks on PostgreSQL, lease rows on SQLite. */
export function createProjectionLocks(
  db: CasetrailDatabase,
  target: DatabaseTarget,
  owner: string,
  leaseTiming: LeaseTiming = DEFAULT_LEASE_TIMING,
): ProjectionLocks {
  return target.dialect === 'postgres'
    ? new PostgresAdvisoryLocks(db, target.connectionString, owner)
    : new SqliteLeases(db, owner, leaseTiming);
}
