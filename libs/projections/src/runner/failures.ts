import { Kysely } from 'kysely';
import { CasetrailTables } from '@casetrail/persistence';
import { ProjectionFailure } from './projection-failure';
import { runnerTables } from './runner-tables';

/** Longest error text kept: a stack of SQL is not needed to find the event. */
const MAX_ERROR_LENGTH = 2000;

export async function recordFailure(trx: Kysely<CasetrailTables>, failure: ProjectionFailure, owner: string, at: Date): Promise<void> {
  const row = {
    position: failure.position,
    event_type: failure.eventType,
    error: failure.error.slice(0, MAX_ERROR_LENGTH),
    failed_at: at.toISOString(),
    owner,
  };
  await runnerTables(trx)
    .insertInto('projection_failures')
    .values({ name: failure.projection, ...row })
    .onConflict((oc) => oc.column('name').doUpdateSet(row))
    .execute();
}

export async function clearFailure(trx: Kysely<CasetrailTables>, name: string): Promise<void> {
  await runnerTables(trx).deleteFrom('projection_failures').where('name', '=', name).execute();
}

/** Every recorded stop, by projection name: what status and readiness report. */
export async function readFailures(db: Kysely<CasetrailTables>): Promise<Map<string, ProjectionFailure>> {
  const rows = await runnerTables(db).selectFrom('projection_failures').selectAll().execute();
  return new Map(
    rows.map((r) => [r.name, { projection: r.name, position: Number(r.position), eventType: r.event_type, error: r.error }]),
  );
}
