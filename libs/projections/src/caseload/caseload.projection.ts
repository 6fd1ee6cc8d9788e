import { Kysely } from 'kysely';
import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition, loadCase } from '@casetrail/workflow';
import { NO_RISK } from '../counts/case-counts.table';
import { outstandingDeadlines } from '../escalation-queue/case-waits';
import { Projection, ProjectionContext, TableNames } from '../projection';
import { CaseloadCaseTable, CaseloadTables } from './caseload.table';

export const CASELOAD_PROJECTION = 'caseload';

/** Caseloads per caseworker and per team: each case's carrier, risk and the deadlines it still owes. */
export class CaseloadProjection implements Projection<CaseloadTables> {
  readonly name = CASELOAD_PROJECTION;
  readonly tables = ['caseload_cases', 'caseload_deadlines'] as const;

  constructor(
    private readonly store: EventStore,
    private readonly definitionFor: (streamId: string) => CaseTypeDefinition | undefined,
  ) {}

  async createTables(db: Kysely<CaseloadTables>, names: TableNames<CaseloadTables>): Promise<void> {
    const cases = names.table('caseload_cases');
    await db.schema
      .createTable(cases)
      .ifNotExists()
      .addColumn('case_id', 'varchar(200)', (c) => c.primaryKey())
      .addColumn('case_type', 'varchar(50)', (c) => c.notNull())
      .addColumn('assignee_id', 'varchar(200)')
      .addColumn('team', 'varchar(120)')
      .addColumn('agencies', 'text', (c) => c.notNull())
      .addColumn('restricted', 'integer', (c) => c.notNull())
      .addColumn('risk', 'varchar(20)', (c) => c.notNull())
      .addColumn('open', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex(names.index('caseload_cases', 'open_team')).ifNotExists().on(cases).columns(['open', 'team']).execute();
    const deadlines = names.table('caseload_deadlines');
    await db.schema
      .createTable(deadlines)
      .ifNotExists()
      .addColumn('deadline_id', 'varchar(300)', (c) => c.primaryKey())
      .addColumn('case_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('due_at', 'varchar(40)', (c) => c.notNull())
      .execute();
    await db.schema.createIndex(names.index('caseload_deadlines', 'case')).ifNotExists().on(deadlines).column('case_id').execute();
  }

  async apply({ trx, table }: ProjectionContext<CaseloadTables>, event: RecordedEvent): Promise<void> {
    const definition = this.definitionFor(event.streamId);
    if (!definition) return;
    const { state, events } = await loadCase(this.store, definition, event.streamId, { upToRevision: event.revision });
    const summary = definition.summarise(state);
    const row: Omit<CaseloadCaseTable, 'case_id'> = {
      case_type: definition.caseType,
      assignee_id: summary.assignee?.caseworkerId ?? null,
      team: summary.assignee?.agency ?? summary.agencies[0] ?? null,
      agencies: JSON.stringify([...new Set(summary.agencies)].sort()),
      restricted: definition.restrictedByDefault || summary.restricted ? 1 : 0,
      risk: summary.risk ?? NO_RISK,
      open: summary.closedAt === undefined ? 1 : 0,
    };
    await trx
      .insertInto(table('caseload_cases'))
      .values({ case_id: event.streamId, ...row })
      .onConflict((oc) => oc.column('case_id').doUpdateSet(row))
      .execute();
    await trx.deleteFrom(table('caseload_deadlines')).where('case_id', '=', event.streamId).execute();
    const owed = outstandingDeadlines(events);
    if (owed.length === 0) return;
    await trx
      .insertInto(table('caseload_deadlines'))
      .values(owed.map((d) => ({ deadline_id: d.deadlineId, case_id: event.streamId, due_at: d.dueAt })))
      .execute();
  }
}
