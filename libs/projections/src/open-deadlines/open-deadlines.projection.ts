import { Kysely } from 'kysely';
import { RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition, DEADLINE_EVENT_SCHEMAS } from '@casetrail/workflow';
import { asOneEvent, EventFailed, Projection, ProjectionContext, SchemaPart, TableNames } from '../projection';
import { upsertRows } from '../runner/bulk-rows';
import { CaseDeadlineTable, OpenDeadlinesTables } from './open-deadlines.table';

export const OPEN_DEADLINES_PROJECTION = 'open-deadlines';

const CLOSING_STATUS = { DeadlineMet: 'met', DeadlineCancelled: 'cancelled', DeadlineMissed: 'missed' } as const;

/**
 * Every deadline by due time, from the deadline events alone (no fold): what the scheduler
 * reconciles its jobs from, and what "due soon" queries read.
 */
export class OpenDeadlinesProjection implements Projection<OpenDeadlinesTables> {
  readonly name = OPEN_DEADLINES_PROJECTION;
  readonly tables = ['case_deadlines'] as const;

  constructor(private readonly definitionFor: (streamId: string) => CaseTypeDefinition | undefined) {}

  async createTables(db: Kysely<OpenDeadlinesTables>, names: TableNames<OpenDeadlinesTables>, part: SchemaPart = 'all'): Promise<void> {
    const table = names.table('case_deadlines');
    await db.schema
      .createTable(table)
      .ifNotExists()
      .addColumn('deadline_id', 'varchar(300)', (c) => c.primaryKey())
      .addColumn('case_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('case_type', 'varchar(50)', (c) => c.notNull())
      .addColumn('rule', 'varchar(100)', (c) => c.notNull())
      .addColumn('due_at', 'varchar(40)', (c) => c.notNull())
      .addColumn('scheduled_at_revision', 'integer', (c) => c.notNull())
      .addColumn('status', 'varchar(20)', (c) => c.notNull())
      .execute();
    // Deadlines are written by their id: the other indexes serve the queries only.
    if (part === 'apply') return;
    await db.schema.createIndex(names.index('case_deadlines', 'status_due')).ifNotExists().on(table).columns(['status', 'due_at', 'deadline_id']).execute();
    await db.schema.createIndex(names.index('case_deadlines', 'case')).ifNotExists().on(table).column('case_id').execute();
  }

  apply(ctx: ProjectionContext<OpenDeadlinesTables>, event: RecordedEvent): Promise<void> {
    return asOneEvent(this.applyBatch(ctx, [event]));
  }

  /**
   * The batch's deadline events folded in order in memory: a deadline scheduled in the batch is
   * written whole with its last status; one scheduled earlier only has its status set.
   */
  async applyBatch({ trx, table }: ProjectionContext<OpenDeadlinesTables>, events: readonly RecordedEvent[]): Promise<void> {
    const scheduled = new Map<string, CaseDeadlineTable>();
    const closed = new Map<string, CaseDeadlineTable['status']>();
    for (const event of events) {
      const definition = this.definitionFor(event.streamId);
      if (!definition) continue;
      try {
        if (event.type === 'DeadlineScheduled') {
          const { deadlineId, rule, dueAt } = DEADLINE_EVENT_SCHEMAS.DeadlineScheduled.parse(event.data);
          // Scheduling the same id again moves the deadline and opens it afresh.
          scheduled.set(deadlineId, {
            deadline_id: deadlineId,
            case_id: event.streamId,
            case_type: definition.caseType,
            rule,
            due_at: new Date(dueAt).toISOString(),
            scheduled_at_revision: event.revision,
            status: 'open',
          });
          closed.delete(deadlineId);
        } else if (event.type === 'DeadlineMet' || event.type === 'DeadlineCancelled' || event.type === 'DeadlineMissed') {
          const { deadlineId } = DEADLINE_EVENT_SCHEMAS[event.type].parse(event.data);
          const row = scheduled.get(deadlineId);
          if (row) row.status = CLOSING_STATUS[event.type];
          else closed.set(deadlineId, CLOSING_STATUS[event.type]);
        }
      } catch (error) {
        throw new EventFailed(event, error);
      }
    }
    await upsertRows(trx, table('case_deadlines'), ['deadline_id'], [...scheduled.values()]);
    for (const status of new Set(closed.values())) {
      const ids = [...closed].filter(([, s]) => s === status).map(([id]) => id);
      for (let i = 0; i < ids.length; i += 10_000) {
        await trx.updateTable(table('case_deadlines')).set({ status }).where('deadline_id', 'in', ids.slice(i, i + 10_000)).execute();
      }
    }
  }
}
