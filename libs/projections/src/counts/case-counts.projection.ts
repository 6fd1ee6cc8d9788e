import { Kysely, sql } from 'kysely';
import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition } from '@casetrail/workflow';
import { caseStateFolder, WithState } from '../case-folds/case-folders';
import { CaseFolds } from '../case-folds/case-folds';
import { asOneEvent, Projection, ProjectionContext, TableNames } from '../projection';
import { selectWhereIn, upsertRows } from '../runner/bulk-rows';
import { CaseCountMemberTable, CaseCountsTables, NO_RISK } from './case-counts.table';

export const CASE_COUNTS_PROJECTION = 'case-counts';

type Bucket = { case_type: string; stage: string; risk: string };

/**
 * Cases by type x stage x risk, kept incrementally: each batch folds its cases once, and moves
 * each case whose stage or risk changed from one count to another (the net moves, in bulk).
 */
export class CaseCountsProjection implements Projection<CaseCountsTables> {
  readonly name = CASE_COUNTS_PROJECTION;
  readonly tables = ['case_counts', 'case_count_members'] as const;

  private readonly folds: CaseFolds<WithState>;

  constructor(store: EventStore, definitionFor: (streamId: string) => CaseTypeDefinition | undefined, caseFoldCapacity?: number) {
    this.folds = new CaseFolds(store, definitionFor, caseStateFolder, caseFoldCapacity);
  }

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

  apply(ctx: ProjectionContext<CaseCountsTables>, event: RecordedEvent): Promise<void> {
    return asOneEvent(this.applyBatch(ctx, [event]));
  }

  async applyBatch({ trx, table }: ProjectionContext<CaseCountsTables>, events: readonly RecordedEvent[]): Promise<void> {
    const folded = await this.folds.foldBatch(events);
    if (folded.length === 0) return;
    const members = table('case_count_members');
    const before = new Map(
      (await selectWhereIn<CaseCountsTables, CaseCountMemberTable>(trx, members, 'case_id', folded.map((f) => f.caseId))).map((m) => [m.case_id, m]),
    );
    const moves = new Map<string, Bucket & { by: number }>();
    const move = (bucket: Bucket, by: number) => {
      const key = JSON.stringify([bucket.case_type, bucket.stage, bucket.risk]);
      const found = moves.get(key);
      if (found) found.by += by;
      else moves.set(key, { case_type: bucket.case_type, stage: bucket.stage, risk: bucket.risk, by });
    };
    const moved: CaseCountMemberTable[] = [];
    for (const { caseId, definition, value, last } of folded) {
      const member = before.get(caseId);
      // Counting is not idempotent: an event delivered again must not count the case twice.
      if (member && member.revision >= last.revision) continue;
      const summary = definition.summarise(value.state);
      const now: Bucket = { case_type: definition.caseType, stage: summary.stage, risk: summary.risk ?? NO_RISK };
      moved.push({ case_id: caseId, ...now, revision: last.revision });
      if (member && member.stage === now.stage && member.risk === now.risk) continue;
      if (member) move(member, -1);
      move(now, 1);
    }
    await upsertRows(trx, members, ['case_id'], moved);
    const counts = table('case_counts');
    const changes = [...moves.values()].filter((m) => m.by !== 0).map(({ by, ...bucket }) => ({ ...bucket, cases: by }));
    if (changes.length === 0) return;
    await trx
      .insertInto(counts)
      .values(changes)
      .onConflict((oc) => oc.columns(['case_type', 'stage', 'risk']).doUpdateSet({ cases: sql<number>`${sql.ref(`${counts}.cases`)} + ${sql.ref('excluded.cases')}` }))
      .execute();
    // An empty bucket is removed, so the table lists only combinations that hold cases.
    await trx.deleteFrom(counts).where('cases', '=', 0).execute();
  }
}
