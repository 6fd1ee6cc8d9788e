import { EventStore } from '@casetrail/event-store';
import { SUBJECT_ERASED, SubjectErasedData } from './subject-erasure.decider';
import { SubjectKeyStore } from './subject-key-store.port';

/** Where the sweep got to, so a start reads only what was written since. */
export interface ErasureCheckpoint {
  read(): Promise<number>;
  write(position: number): Promise<void>;
}

/**
 * Destroys the key of every SubjectErased recorded after the checkpoint whose key still exists
 * (a crash between recording and destroying). Run on start-up; idempotent.
 */
export async function completePendingErasures(store: EventStore, keys: SubjectKeyStore, checkpoint: ErasureCheckpoint, batchSize = 5000): Promise<number> {
  let after = await checkpoint.read();
  let destroyed = 0;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: batchSize });
    if (batch.length === 0) return destroyed;
    for (const event of batch) {
      if (event.type !== SUBJECT_ERASED) continue;
      const { subjectId, erasedAt } = event.data as SubjectErasedData;
      if (await keys.destroy(subjectId, erasedAt)) destroyed += 1;
    }
    after = batch.at(-1)!.position;
    await checkpoint.write(after);
  }
}
