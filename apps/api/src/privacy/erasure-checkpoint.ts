import { CasetrailDatabase } from '@casetrail/persistence';
import { ErasureCheckpoint } from '@casetrail/privacy';

const NAME = 'privacy-pending-erasures';

/** How far the start-up sweep for pending erasures has read, in projection_checkpoints. */
export function erasureCheckpoint(db: CasetrailDatabase): ErasureCheckpoint {
  return {
    async read() {
      const row = await db.selectFrom('projection_checkpoints').select('position').where('name', '=', NAME).executeTakeFirst();
      return row ? Number(row.position) : 0;
    },
    async write(position) {
      await db
        .insertInto('projection_checkpoints')
        .values({ name: NAME, position })
        .onConflict((oc) => oc.column('name').doUpdateSet({ position }))
        .execute();
    },
  };
}
