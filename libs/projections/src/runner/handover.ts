import { CasetrailDatabase } from '@casetrail/persistence';
import { runnerTables } from './runner-tables';

/** How long a request lasts unless renewed: a rebuild that died stops blocking the runners after this. */
export const HANDOVER_TTL_MS = 15_000;

/** A rebuild or verify asks whoever runs `name` to release it and not take it back until withdrawn. */
export async function requestHandover(db: CasetrailDatabase, name: string, requestedBy: string): Promise<void> {
  const expiresAt = Date.now() + HANDOVER_TTL_MS;
  await runnerTables(db)
    .insertInto('projection_handovers')
    .values({ name, requested_by: requestedBy, expires_at: expiresAt })
    .onConflict((oc) => oc.column('name').doUpdateSet({ requested_by: requestedBy, expires_at: expiresAt }))
    .execute();
}

export async function withdrawHandover(db: CasetrailDatabase, name: string, requestedBy: string): Promise<void> {
  await runnerTables(db).deleteFrom('projection_handovers').where('name', '=', name).where('requested_by', '=', requestedBy).execute();
}

/** Who has asked for `name` and not withdrawn, or null. */
export async function handoverRequestedBy(db: CasetrailDatabase, name: string): Promise<string | null> {
  const row = await runnerTables(db)
    .selectFrom('projection_handovers')
    .select('requested_by')
    .where('name', '=', name)
    .where('expires_at', '>', Date.now())
    .executeTakeFirst();
  return row?.requested_by ?? null;
}
