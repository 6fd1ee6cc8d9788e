import { CasetrailConfig } from '@casetrail/shared';
import { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/** The adapter CASETRAIL_STORE names, built from its settings. */
export function createEventStore(config: CasetrailConfig): EventStore {
  switch (config.CASETRAIL_STORE) {
    case 'sqlite':
      return new SqliteEventStore({ path: config.CASETRAIL_SQLITE_PATH });
    case 'postgres':
      // The config schema refuses CASETRAIL_STORE=postgres without CASETRAIL_PG_URL.
      return new PostgresEventStore({ connectionString: config.CASETRAIL_PG_URL!, poolSize: config.CASETRAIL_PG_POOL_SIZE });
    case 'eventstoredb':
      // The config schema refuses CASETRAIL_STORE=eventstoredb without CASETRAIL_ESDB_URL.
      return new KurrentDbEventStore({ connectionString: config.CASETRAIL_ESDB_URL! });
    default: {
      const unreachable: never = config.CASETRAIL_STORE;
      return unreachable;
    }
  }
}
