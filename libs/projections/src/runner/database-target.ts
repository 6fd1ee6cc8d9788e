import { CasetrailConfig } from '@casetrail/shared';
import { DatabaseTarget } from '@casetrail/persistence';

/** The database the read models live in: the events' SQLite file or PostgreSQL database. */
export function databaseTargetOf(config: CasetrailConfig): DatabaseTarget {
  // As DatabaseModule does: beside the events on SQLite, in PostgreSQL otherwise.
  return config.CASETRAIL_STORE === 'sqlite'
    ? { dialect: 'sqlite', path: config.CASETRAIL_SQLITE_PATH }
    : { dialect: 'postgres', connectionString: config.CASETRAIL_PG_URL!, poolSize: config.CASETRAIL_PG_POOL_SIZE };
}
