import { Kysely } from 'kysely';
import { CASE_TYPES } from '@casetrail/cases';
import { liveTableNames, OPEN_DEADLINES_PROJECTION, OpenDeadlinesProjection } from '@casetrail/projections';
import { definitionForCase, ReadModelOpenDeadlines } from '@casetrail/scheduling';
import { createTestSchema, describeWithPostgres, TestSchema } from '../support/services';
import { Casework } from './support/casework';

type ProjectionTables = Parameters<OpenDeadlinesProjection['createTables']>[0] extends Kysely<infer T> ? T : never;

/** The open-deadlines read model, projected by hand up to `position` (as its runner would). */
async function projectUpTo(casework: Casework, position: number): Promise<void> {
  const projection = new OpenDeadlinesProjection((streamId) => definitionForCase(CASE_TYPES, streamId));
  const names = liveTableNames<ProjectionTables>();
  // The same connection typed with the projection's own tables, as the projection runner does.
  const readModel = casework.db as unknown as Kysely<ProjectionTables>;
  await projection.createTables(readModel, names);
  for (const event of await casework.store.readAll()) {
    if (event.position > position) break;
    await readModel.transaction().execute((trx) => projection.apply({ trx, ...names }, event));
  }
  await casework.db
    .insertInto('projection_checkpoints')
    .values({ name: OPEN_DEADLINES_PROJECTION, position })
    .onConflict((oc) => oc.column('name').doUpdateSet({ position }))
    .execute();
}

function openDeadlineSourcesSuite(start: () => Promise<Casework>) {
  let casework: Casework;
  beforeEach(async () => {
    casework = await start();
  });
  afterEach(() => casework.close());

  const due = new Date(Date.now() + 3_600_000);

  it('folds the store while the read model has no table yet', async () => {
    const open = await casework.reportAsb(due);
    const met = await casework.reportAsb(due);
    await casework.assessRisk(met.caseId);
    const listed = await new ReadModelOpenDeadlines(casework.store, casework.db).listOpenDeadlines();
    expect(listed).toEqual([{ caseId: open.caseId, deadlineId: open.deadlineId, rule: 'ASB_TRIAGE_DUE', dueAt: due.toISOString(), revision: open.revision }]);
  });

  it('reads the read model and adds what the store recorded after its checkpoint', async () => {
    const projected = await casework.reportAsb(due);
    const metLater = await casework.reportAsb(due);
    await projectUpTo(casework, await casework.store.headPosition());
    await casework.assessRisk(metLater.caseId); // after the checkpoint: the read model still lists it
    const newer = await casework.reportAsb(due); // after the checkpoint: the read model does not list it
    const listed = await new ReadModelOpenDeadlines(casework.store, casework.db).listOpenDeadlines();
    expect(listed.map((d) => d.deadlineId).sort()).toEqual([projected.deadlineId, newer.deadlineId].sort());
    expect(listed.find((d) => d.deadlineId === projected.deadlineId)?.revision).toBe(projected.revision);
  });
}

describe('open deadlines for reconcile, on SQLite', () => openDeadlineSourcesSuite(() => Casework.start()));

describeWithPostgres('open deadlines for reconcile, on PostgreSQL', () => {
  let schema: TestSchema;
  beforeEach(async () => {
    schema = await createTestSchema('deadlines');
  });
  afterEach(() => schema.drop());
  openDeadlineSourcesSuite(() => Casework.startPostgres(schema.url));
});
