import { Kysely, Transaction } from 'kysely';
import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition, loadCase } from '@casetrail/workflow';
import { Projection, ProjectionContext, TableNames } from '../projection';
import { CaseCountsTables, NO_RISK } from './case-counts.table';

export const CASE_COUNTS_PROJECTION = 'case-counts';

type Bucket = { case_type: string; stage: string; risk: string };

/**
 * Cases by type x stage x risk, kept incrementally: each event of a case re-reads the case's
 * stage and risk (folded up to that event) and moves it between counts when they changed.
 */
export class CaseCountsProjection implements Projection<CaseCountsTables> {
  readonly name = CASE_COUNTS_PROJECTION;
  readonly tables = ['case_counts', 'case_count_members'] as const;

  constructor(
    private readonly store: EventStore,
    private readonly definitionFor: (streamId: string) => CaseTypeDefinition | undefined,
  ) {}

  async createTables(db: Kysely<CaseCountsTables>, names: TableNames<CaseCountsTables>): Promise<void> {
    await db.schema
      .createTable(names.table('case_counts'))
      .ifNotExists()
      .addColumn('case_type', 'varchar(50)', (c) => c.notNull())
      .addColumn('stage', 'varchar(50)', (c) => c.notNull())
      .addColumn('risk', 'varchar(20)', (c) => c.notNull())
      .addColumn('cases', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint(names.index('case_counts', 'pk'), ['case_type', 'stage', 'risk'])
      .execute();
    await db.schema
      .createTable(names.table('case_count_members'))
      .ifNotExists()
      .addColumn('case_id', 'varchar(200)', (c) => c.primaryKey())
      .addColumn('case_type', 'varchar(50)', (c) => c.notNull())
      .addColumn('stage', 'varchar(50)', (c) => c.notNull())
      .addColumn('risk', 'varchar(20)', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .execute();
  }

  async apply({ trx, table }: ProjectionContext<CaseCountsTables>, event: RecordedEvent): Promise<void> {
    const definition = this.definitionFor(event.streamId);
    if (!definition) return;
    const members = table('case_count_members');
    const member = await trx.selectFrom(members).selectAll().where('case_id', '=', event.streamId).executeTakeFirst();
    // Counting is not idempotent: an event delivered again must not count the case twice.
    if (member && member.revision >= event.revision) return;
    const { state } = await loadCase(this.store, definition, event.streamId, { upToRevision: event.revision });
    const summary = definition.summarise(state);
    const now: Bucket = { case_type: definition.caseType, stage: summary.stage, risk: summary.risk ?? NO_RISK };
    if (!member) {
      await trx.insertInto(members).values({ case_id: event.streamId, ...now, revision: event.revision }).execute();
      await this.add(trx, table('case_counts'), now, 1);
      return;
    }
    await trx.updateTable(members).set({ ...now, revision: event.revision }).where('case_id', '=', event.streamId).execute();
    if (member.stage === now.stage && member.risk === now.risk) return;
    await this.add(trx, table('case_counts'), { case_type: member.case_type, stage: member.stage, risk: member.risk }, -1);
    await this.add(trx, table('case_counts'), now, 1);
  }

  private async add(trx: Transaction<CaseCountsTables>, counts: 'case_counts', bucket: Bucket, by: 1 | -1): Promise<void> {
    const row = await trx
      .selectFrom(counts)
      .select('cases')
      .where('case_type', '=', bucket.case_type)
      .where('stage', '=', bucket.stage)
      .where('risk', '=', bucket.risk)
      .executeTakeFirst();
    const cases = (row?.cases ?? 0) + by;
    if (!row) {
      await trx.insertInto(counts).values({ ...bucket, cases }).execute();
      return;
    }
    const where = { case_type: bucket.case_type, stage: bucket.stage, risk: bucket.risk };
    // An empty bucket is removed, so the table lists only combinations that hold cases.
    if (cases === 0) {
      await trx.deleteFrom(counts).where('case_type', '=', where.case_type).where('stage', '=', where.stage).where('risk', '=', where.risk).execute();
    } else {
      await trx.updateTable(counts).set({ cases }).where('case_type', '=', where.case_type).where('stage', '=', where.stage).where('risk', '=', where.risk).execute();
    }
  }
}
