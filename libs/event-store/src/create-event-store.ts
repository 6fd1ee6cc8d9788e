import { CasetrailConfig, ConfigError } from '@casetrail/shared';
import { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/** The adapter CASETRAIL_STORE names, built from its settings. */
export function createEventStore(config: CasetrailConfig): EventStore {
  switch (config.CASETRAIL_STORE) {
    case 'sqlite':
      return new SqliteEventStore({ path: config.CASETRAIL_SQLITE_PATH });
    case 'postgres':
      throw new ConfigError('CASETRAIL_STORE', 'postgres: adapter wiring pending');
    case 'eventstoredb':
      throw new ConfigError('CASETRAIL_STORE', 'eventstoredb is not available in this build; use sqlite or postgres');
    default: {
      const unreachable: never = config.CASETRAIL_STORE;
      return unreachable;
    }
  }
}
