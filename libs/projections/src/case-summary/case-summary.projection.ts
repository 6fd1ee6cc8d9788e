import { Kysely, sql } from 'kysely';
import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition, Deadlines, openDeadlines } from '@casetrail/workflow';
import { caseDeadlinesFolder } from '../case-folds/case-folders';
import { CaseFolds } from '../case-folds/case-folds';
import { asOneEvent, Projection, ProjectionContext, SchemaPart, TableNames } from '../projection';
import { upsertRows } from '../runner/bulk-rows';
import { CaseSummaryTable, CaseSummaryTables } from './case-summary.table';

/**
 * One row per case: type, stage, risk, assignee, agencies, dates, the next deadline, the
 * restricted flag, revision and last event time. Backs GET /api/cases.
 */
export class CaseSummaryProjection implements Projection<CaseSummaryTables> {
  readonly name = 'case-summary';
  readonly tables = ['case_summaries'] as const;

  private readonly folds: CaseFolds<{ state: unknown; deadlines: Deadlines }>;

  constructor(store: EventStore, definitionFor: (streamId: string) => CaseTypeDefinition | undefined, caseFoldCapacity?: number) {
    this.folds = new CaseFolds(store, definitionFor, caseDeadlinesFolder, caseFoldCapacity);
  }

  async createTables(db: Kysely<CaseSummaryTables>, names: TableNames<CaseSummaryTables>, part: SchemaPart = 'all'): Promise<void> {
    const table = names.table('case_summaries');
    await db.schema
      .createTable(table)
      .ifNotExists()
      .addColumn('case_id', 'varchar(200)', (c) => c.primaryKey())
      .addColumn('case_type', 'varchar(50)', (c) => c.notNull())
      .addColumn('stage', 'varchar(50)', (c) => c.notNull())
      .addColumn('risk', 'varchar(20)')
      .addColumn('assignee_id', 'varchar(200)')
      .addColumn('assignee_agency', 'varchar(100)')
      .addColumn('agencies', 'text', (c) => c.notNull())
      .addColumn('restricted', 'integer', (c) => c.notNull())
      .addColumn('opened_at', 'varchar(40)')
      .addColumn('closed_at', 'varchar(40)')
      .addColumn('next_deadline_at', 'varchar(40)')
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('last_event_at', 'varchar(40)', (c) => c.notNull())
      .addColumn('key_facts', 'text', (c) => c.notNull())
      .execute();
    // Rows are written by their key: every other index serves the case list only.
    if (part === 'apply') return;
    for (const column of ['case_type', 'stage', 'opened_at', 'assignee_id'] as const) {
      await db.schema.createIndex(names.index('case_summaries', column)).ifNotExists().on(table).column(column).execute();
    }
    // The case list's orders (GET /api/cases?sort=), each its key then the case id, as the list queries them.
    const orders = { by_opened: sql`(coalesce(opened_at, ''))`, by_deadline: sql`(coalesce(next_deadline_at, '~'))`, by_activity: sql`(last_event_at)` };
    for (const [name, key] of Object.entries(orders)) {
      await db.schema.createIndex(names.index('case_summaries', name)).ifNotExists().on(table).expression(key).column('case_id').execute();
    }
  }

  apply(ctx: ProjectionContext<CaseSummaryTables>, event: RecordedEvent): Promise<void> {
    return asOneEvent(this.applyBatch(ctx, [event]));
  }

  /** Each case of the batch folded once, its row as of its last event written in one upsert. */
  async applyBatch({ trx, table }: ProjectionContext<CaseSummaryTables>, events: readonly RecordedEvent[]): Promise<void> {
    const rows = (await this.folds.foldBatch(events)).map(({ caseId, definition, value, last }): CaseSummaryTable => {
      const summary = definition.summarise(value.state);
      return {
        case_id: caseId,
        case_type: definition.caseType,
        stage: summary.stage,
        risk: summary.risk ?? null,
        assignee_id: summary.assignee?.caseworkerId ?? null,
        assignee_agency: summary.assignee?.agency ?? null,
        agencies: JSON.stringify([...new Set(summary.agencies)].sort()),
        restricted: definition.restrictedByDefault || summary.restricted ? 1 : 0,
        opened_at: summary.openedAt ?? null,
        closed_at: summary.closedAt ?? null,
        next_deadline_at: openDeadlines(value.deadlines).map((d) => d.dueAt).sort()[0] ?? null,
        revision: last.revision,
        last_event_at: last.metadata.occurredAt,
        key_facts: JSON.stringify(summary.keyFacts),
      };
    });
    await upsertRows(trx, table('case_summaries'), ['case_id'], rows);
  }
}
