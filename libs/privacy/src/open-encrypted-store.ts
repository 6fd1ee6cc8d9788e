import { createEventStore } from '@casetrail/event-store';
import { createDatabase, DatabaseTarget, migrateTables } from '@casetrail/persistence';
import { CasetrailConfig } from '@casetrail/shared';
import { CaseTypeDefinition } from '@casetrail/workflow';
import { CachedSubjectKeys } from './cached-subject-keys';
import { caseEventSchemas } from './case-event-schemas';
import { EncryptingEventStore } from './encrypting-event-store';
import { KeyWrapper } from './key-wrapping';
import { MasterKeySource, resolveMasterKey } from './master-key';
import { SqlSubjectKeyStore } from './sql-subject-key-store';

export interface OpenedEncryptedStore {
  store: EncryptingEventStore;
  masterKey: Pick<MasterKeySource, 'origin' | 'file'>;
  close(): Promise<void>;
}

/**
 * The configured adapter under the encryption, with its own connection to the key table, for
 * processes without the API's wiring (the worker, the CLI). Initialised and migrated.
 */
export async function openEncryptedStore(config: CasetrailConfig, definitions: readonly CaseTypeDefinition[]): Promise<OpenedEncryptedStore> {
  const master = resolveMasterKey(config);
  const target: DatabaseTarget =
    config.CASETRAIL_STORE === 'sqlite' ? { dialect: 'sqlite', path: config.CASETRAIL_SQLITE_PATH } : { dialect: 'postgres', connectionString: config.CASETRAIL_PG_URL!, poolSize: config.CASETRAIL_PG_POOL_SIZE };
  const raw = createEventStore(config);
  const db = createDatabase(target);
  try {
    await raw.init();
    await migrateTables(db);
  } catch (error) {
    await Promise.allSettled([raw.close(), db.destroy()]);
    throw error;
  }
  const keys = new CachedSubjectKeys(new SqlSubjectKeyStore(db, new KeyWrapper(master.key)));
  return {
    store: new EncryptingEventStore(raw, keys, caseEventSchemas(definitions)),
    masterKey: { origin: master.origin, ...(master.file ? { file: master.file } : {}) },
    async close() {
      keys.clear();
      await raw.close();
      await db.destroy();
    },
  };
}
