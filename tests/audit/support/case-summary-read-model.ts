import { Kysely } from 'kysely';
import { EventStore } from '@casetrail/event-store';
import { CasetrailDatabase, migrateTables } from '@casetrail/persistence';
import { CaseSummaryProjection, CaseSummaryTables, liveTableNames } from '@casetrail/projections';
import { definitionOf } from './audit-casework';

/**
 * Brings the case-summary read model up to the store's head, as its runner does (each event
 * applied, then the checkpoint moved), without waiting on a subscription.
 */
export async function projectCaseSummaries(store: EventStore, db: CasetrailDatabase): Promise<number> {
  await migrateTables(db);
  const projection = new CaseSummaryProjection(store, definitionOf);
  const names = liveTableNames<CaseSummaryTables>();
  const readModel = db as unknown as Kysely<CaseSummaryTables>;
  await projection.createTables(readModel, names);
  let checkpoint = 0;
  await readModel.transaction().execute(async (trx) => {
    for (const event of await store.readAll()) {
      await projection.apply({ trx, ...names }, event);
      checkpoint = event.position;
    }
  });
  await db
    .insertInto('projection_checkpoints')
    .values({ name: projection.name, position: checkpoint })
    .onConflict((oc) => oc.column('name').doUpdateSet({ position: checkpoint }))
    .execute();
  return checkpoint;
}
