import { Kysely } from 'kysely';
import { CasetrailTables } from '@casetrail/persistence';

/** The last position a projection's live tables include; 0 before its first event. */
export async function readCheckpoint(db: Kysely<CasetrailTables>, name: string): Promise<number> {
  const row = await db.selectFrom('projection_checkpoints').select('position').where('name', '=', name).executeTakeFirst();
  return row ? Number(row.position) : 0;
}

/** Gives the projection a checkpoint row, so every later move can be a compare-and-set. */
export async function ensureCheckpoint(db: Kysely<CasetrailTables>, name: string): Promise<void> {
  await db
    .insertInto('projection_checkpoints')
    .values({ name, position: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/**
 * The fence that makes "exactly once" hold whatever the locks say: a batch starts by locking the
 * checkpoint row where it expects it. A writer that got there first has moved it, so this one
 * finds no row, and gives up before applying anything. On PostgreSQL the row lock makes the late
 * writer wait and then re-read; on SQLite the write lock does the same.
 */
export async function claimCheckpoint(trx: Kysely<CasetrailTables>, name: string, expected: number): Promise<boolean> {
  const result = await trx
    .updateTable('projection_checkpoints')
    .set({ position: expected })
    .where('name', '=', name)
    .where('position', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function moveCheckpoint(trx: Kysely<CasetrailTables>, name: string, position: number): Promise<void> {
  await trx
    .insertInto('projection_checkpoints')
    .values({ name, position })
    .onConflict((oc) => oc.column('name').doUpdateSet({ position }))
    .execute();
}
