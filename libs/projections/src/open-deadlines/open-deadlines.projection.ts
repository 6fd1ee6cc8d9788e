import { Kysely } from 'kysely';
import { RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition, DEADLINE_EVENT_SCHEMAS } from '@casetrail/workflow';
import { Projection, ProjectionContext, TableNames } from '../projection';
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

  async createTables(db: Kysely<OpenDeadlinesTables>, names: TableNames<OpenDeadlinesTables>): Promise<void> {
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
    await db.schema.createIndex(names.index('case_deadlines', 'status_due')).ifNotExists().on(table).columns(['status', 'due_at', 'deadline_id']).execute();
    await db.schema.createIndex(names.index('case_deadlines', 'case')).ifNotExists().on(table).column('case_id').execute();
  }

  async apply({ trx, table }: ProjectionContext<OpenDeadlinesTables>, event: RecordedEvent): Promise<void> {
    const definition = this.definitionFor(event.streamId);
    if (!definition) return;
    if (event.type === 'DeadlineScheduled') {
      const { deadlineId, rule, dueAt } = DEADLINE_EVENT_SCHEMAS.DeadlineScheduled.parse(event.data);
      // Scheduling the same id again moves the deadline and opens it afresh.
      const row: Omit<CaseDeadlineTable, 'deadline_id'> = {
        case_id: event.streamId,
        case_type: definition.caseType,
        rule,
        due_at: new Date(dueAt).toISOString(),
        scheduled_at_revision: event.revision,
        status: 'open',
      };
      await trx
        .insertInto(table('case_deadlines'))
        .values({ deadline_id: deadlineId, ...row })
        .onConflict((oc) => oc.column('deadline_id').doUpdateSet(row))
        .execute();
      return;
    }
    if (event.type === 'DeadlineMet' || event.type === 'DeadlineCancelled' || event.type === 'DeadlineMissed') {
      const { deadlineId } = DEADLINE_EVENT_SCHEMAS[event.type].parse(event.data);
      await trx
        .updateTable(table('case_deadlines'))
        .set({ status: CLOSING_STATUS[event.type] })
        .where('deadline_id', '=', deadlineId)
        .execute();
    }
  }
}
