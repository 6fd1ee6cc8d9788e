import { CasetrailDatabase } from '@casetrail/persistence';
import { CaseDeadlineTable, OpenDeadlinesTables } from './open-deadlines.table';

export interface OpenDeadline {
  deadlineId: string;
  caseId: string;
  caseType: string;
  rule: string;
  dueAt: string;
  scheduledAtRevision: number;
}

export interface ListOpenDeadlinesOptions {
  /** Only deadlines due strictly before this instant (e.g. now plus the scheduler's horizon). */
  dueBefore?: string;
  limit: number;
  /** Keyset cursor: the last deadline of the previous page. */
  after?: { dueAt: string; deadlineId: string };
}

/**
 * Open deadlines, soonest first, a page at a time: what the scheduler reconciles its jobs with.
 */
export async function listOpenDeadlines(db: CasetrailDatabase, options: ListOpenDeadlinesOptions): Promise<OpenDeadline[]> {
  let query = db.withTables<OpenDeadlinesTables>().selectFrom('case_deadlines').selectAll().where('status', '=', 'open');
  if (options.dueBefore !== undefined) query = query.where('due_at', '<', new Date(options.dueBefore).toISOString());
  const { after } = options;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('due_at', '>', after.dueAt), eb.and([eb('due_at', '=', after.dueAt), eb('deadline_id', '>', after.deadlineId)])]),
    );
  }
  const rows = await query.orderBy('due_at').orderBy('deadline_id').limit(options.limit).execute();
  return rows.map(toOpenDeadline);
}

function toOpenDeadline(row: CaseDeadlineTable): OpenDeadline {
  return {
    deadlineId: row.deadline_id,
    caseId: row.case_id,
    caseType: row.case_type,
    rule: row.rule,
    dueAt: row.due_at,
    scheduledAtRevision: row.scheduled_at_revision,
  };
}
