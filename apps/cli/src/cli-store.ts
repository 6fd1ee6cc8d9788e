import { CASE_TYPES } from '@casetrail/cases';
import { createEventStore, EventStore } from '@casetrail/event-store';
import { openEncryptedStore } from '@casetrail/privacy';
import { CasetrailConfig } from '@casetrail/shared';

/**
 * Commands that read the events as the application does, personal data decrypted (or
 * "[erased]"): rebuilding read models and replaying cases must fold what the API folds. The
 * others (`verify` above all, whose chain is over the ciphertext; `stream`, which prints events
 * to a terminal) read them as stored.
 */
const DECRYPTING = new Set(['projections', 'replay', 'report', 'retention']);

export interface CliStore {
  store: EventStore;
  close(): Promise<void>;
}

/** The event store a CLI command reads: the adapter, or the adapter under the encryption. */
export async function cliStoreFor(command: string, config: CasetrailConfig): Promise<CliStore> {
  if (DECRYPTING.has(command)) return openEncryptedStore(config, CASE_TYPES);
  const raw = createEventStore(config);
  await raw.init();
  return { store: raw, close: () => raw.close() };
}
