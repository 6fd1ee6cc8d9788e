import { Kysely } from 'kysely';
import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition, Deadlines, evolveDeadlines, loadCase, openDeadlines } from '@casetrail/workflow';
import { Projection, ProjectionContext, TableNames } from '../projection';
import { CaseSummaryTables } from './case-summary.table';

/**
 * One row per case: type, stage, risk, assignee, agencies, dates, the next deadline, the
 * restricted flag, revision and last event time. Backs GET /api/cases.
 */
export class CaseSummaryProjection implements Projection<CaseSummaryTables> {
  readonly name = 'case-summary';
  readonly tables = ['case_summaries'] as const;

  constructor(
    private readonly store: EventStore,
    private readonly definitionFor: (streamId: string) => CaseTypeDefinition | undefined,
  ) {}

  async createTables(db: Kysely<CaseSummaryTables>, names: TableNames<CaseSummaryTables>): Promise<void> {
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
    for (const column of ['case_type', 'stage', 'opened_at', 'assignee_id'] as const) {
      await db.schema.createIndex(names.index('case_summaries', column)).ifNotExists().on(table).column(column).execute();
    }
  }

  async apply({ trx, table }: ProjectionContext<CaseSummaryTables>, event: RecordedEvent): Promise<void> {
    const definition = this.definitionFor(event.streamId);
    if (!definition) return;
    // The case as of this event: the stream's prefix up to its revision.
    const { state, events } = await loadCase(this.store, definition, event.streamId, { upToRevision: event.revision });
    const summary = definition.summarise(state);
    const deadlines = events.reduce<Deadlines>((all, e) => evolveDeadlines(all, e), {});
    const next = openDeadlines(deadlines).map((d) => d.dueAt).sort()[0] ?? null;
    const row = {
      case_type: definition.caseType,
      stage: summary.stage,
      risk: summary.risk ?? null,
      assignee_id: summary.assignee?.caseworkerId ?? null,
      assignee_agency: summary.assignee?.agency ?? null,
      agencies: JSON.stringify([...new Set(summary.agencies)].sort()),
      restricted: definition.restrictedByDefault || summary.restricted ? 1 : 0,
      opened_at: summary.openedAt ?? null,
      closed_at: summary.closedAt ?? null,
      next_deadline_at: next,
      revision: event.revision,
      last_event_at: event.metadata.occurredAt,
      key_facts: JSON.stringify(summary.keyFacts),
    };
    await trx
      .insertInto(table('case_summaries'))
      .values({ case_id: event.streamId, ...row })
      .onConflict((oc) => oc.column('case_id').doUpdateSet(row))
      .execute();
  }
}
