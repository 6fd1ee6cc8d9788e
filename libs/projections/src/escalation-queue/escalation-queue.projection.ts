import { Kysely } from 'kysely';
import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition } from '@casetrail/workflow';
import { caseWaitsFolder, WithState } from '../case-folds/case-folders';
import { CaseFolds } from '../case-folds/case-folds';
import { asOneEvent, Projection, ProjectionContext, SchemaPart, TableNames } from '../projection';
import { deleteWhereIn, insertRows, sameRows } from '../runner/bulk-rows';
import { CaseWaits } from './case-waits';
import { escalationEntriesOf } from './escalation-entries';
import { EscalationQueueTables } from './escalation-queue.table';

export const ESCALATION_QUEUE_PROJECTION = 'escalation-queue';

/**
 * The managers' escalation queue: why each case needs attention, rebuilt for a case from its
 * history at every event of it, so an entry leaves the moment what it waited for is done.
 * "Overdue" is never stored: the query compares the stored times with its own now.
 */
export class EscalationQueueProjection implements Projection<EscalationQueueTables> {
  readonly name = ESCALATION_QUEUE_PROJECTION;
  readonly tables = ['escalation_entries', 'escalation_entry_agencies'] as const;

  private readonly folds: CaseFolds<WithState & { waits: CaseWaits }>;

  constructor(store: EventStore, definitionFor: (streamId: string) => CaseTypeDefinition | undefined, caseFoldCapacity?: number) {
    this.folds = new CaseFolds(store, definitionFor, caseWaitsFolder, caseFoldCapacity);
  }

  async createTables(db: Kysely<EscalationQueueTables>, names: TableNames<EscalationQueueTables>, part: SchemaPart = 'all'): Promise<void> {
    const table = names.table('escalation_entries');
    await db.schema
      .createTable(table)
      .ifNotExists()
      .addColumn('entry_id', 'varchar(400)', (c) => c.primaryKey())
      .addColumn('case_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('case_type', 'varchar(50)', (c) => c.notNull())
      .addColumn('stage', 'varchar(50)', (c) => c.notNull())
      .addColumn('reason', 'varchar(50)', (c) => c.notNull())
      .addColumn('priority', 'integer', (c) => c.notNull())
      .addColumn('deadline_id', 'varchar(300)')
      .addColumn('rule', 'varchar(100)')
      .addColumn('due_at', 'varchar(40)', (c) => c.notNull())
      .addColumn('visible_from', 'varchar(40)')
      .addColumn('visible_until', 'varchar(40)')
      .addColumn('coming_due', 'integer', (c) => c.notNull())
      .addColumn('assignee_id', 'varchar(200)')
      .addColumn('assignee_agency', 'varchar(100)')
      .addColumn('agencies', 'text', (c) => c.notNull())
      .addColumn('restricted', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex(names.index('escalation_entries', 'case')).ifNotExists().on(table).column('case_id').execute();
    const agencies = names.table('escalation_entry_agencies');
    await db.schema
      .createTable(agencies)
      .ifNotExists()
      .addColumn('agency', 'varchar(100)', (c) => c.notNull())
      .addColumn('priority', 'integer', (c) => c.notNull())
      .addColumn('due_at', 'varchar(40)', (c) => c.notNull())
      .addColumn('entry_id', 'varchar(400)', (c) => c.notNull())
      .addColumn('case_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('restricted', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint(names.index('escalation_entry_agencies', 'pk'), ['agency', 'priority', 'due_at', 'entry_id'])
      .execute();
    await db.schema.createIndex(names.index('escalation_entry_agencies', 'case')).ifNotExists().on(agencies).column('case_id').execute();
    // A case's entries are replaced by case id (the indexes above); the rest serve the queue's pages only.
    if (part === 'apply') return;
    await db.schema.createIndex(names.index('escalation_entries', 'order')).ifNotExists().on(table).columns(['priority', 'due_at', 'entry_id']).execute();
    // The queue's filters, each followed by the queue's order, so a page is read from an index in order.
    for (const column of ['restricted', 'reason', 'case_type', 'assignee_id'] as const) {
      await db.schema.createIndex(names.index('escalation_entries', `${column}_order`)).ifNotExists().on(table).columns([column, 'priority', 'due_at', 'entry_id']).execute();
    }
    await db.schema
      .createIndex(names.index('escalation_entry_agencies', 'restricted_order'))
      .ifNotExists()
      .on(agencies)
      .columns(['agency', 'restricted', 'priority', 'due_at', 'entry_id'])
      .execute();
  }

  apply(ctx: ProjectionContext<EscalationQueueTables>, event: RecordedEvent): Promise<void> {
    return asOneEvent(this.applyBatch(ctx, [event]));
  }

  /**
   * Each case of the batch folded once; its entries replaced, in bulk. A case whose entries come
   * out as they were before the batch (most events change nothing a manager sees) is left alone.
   */
  async applyBatch({ trx, table }: ProjectionContext<EscalationQueueTables>, events: readonly RecordedEvent[]): Promise<void> {
    const changed = (await this.folds.foldBatch(events)).flatMap(({ caseId, definition, value, previous }) => {
      const rows = entryRows(caseId, definition, value);
      return previous !== undefined && sameRows(rows, entryRows(caseId, definition, previous)) ? [] : [{ caseId, rows }];
    });
    const caseIds = changed.map((c) => c.caseId);
    const rows = changed.flatMap((c) => c.rows);
    await deleteWhereIn(trx, table('escalation_entries'), 'case_id', caseIds);
    await deleteWhereIn(trx, table('escalation_entry_agencies'), 'case_id', caseIds);
    await insertRows(trx, table('escalation_entries'), rows);
    const byAgency = rows.flatMap((r) =>
      (JSON.parse(r.agencies) as string[]).map((agency) => ({ agency, priority: r.priority, due_at: r.due_at, entry_id: r.entry_id, case_id: r.case_id, restricted: r.restricted })),
    );
    await insertRows(trx, table('escalation_entry_agencies'), byAgency);
  }
}

/** A case's queue entries as rows, from its fold. */
function entryRows(caseId: string, definition: CaseTypeDefinition, value: WithState & { waits: CaseWaits }) {
  const entries = escalationEntriesOf(caseId, value.waits);
  if (entries.length === 0) return [];
  const summary = definition.summarise(value.state);
  const caseColumns = {
    case_id: caseId,
    case_type: definition.caseType,
    stage: summary.stage,
    assignee_id: summary.assignee?.caseworkerId ?? null,
    assignee_agency: summary.assignee?.agency ?? null,
    agencies: JSON.stringify([...new Set(summary.agencies)].sort()),
    restricted: definition.restrictedByDefault || summary.restricted ? 1 : 0,
  };
  return entries.map((e) => ({
    ...caseColumns,
    entry_id: e.entryId,
    reason: e.reason,
    priority: e.priority,
    deadline_id: e.deadlineId,
    rule: e.rule,
    due_at: e.dueAt,
    visible_from: e.visibleFrom,
    visible_until: e.visibleUntil,
    coming_due: e.comingDue ? 1 : 0,
  }));
}
