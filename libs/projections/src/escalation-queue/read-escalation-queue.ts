import { CasetrailDatabase } from '@casetrail/persistence';
import { EscalationReason, reasonText } from './escalation-reasons';
import { EscalationQueueTables } from './escalation-queue.table';

export interface EscalationQueueQuery {
  /** The request's now: what is overdue, open or coming due is decided against it. */
  now: string;
  /** Decisions and panels show when due within this many days (and once overdue). */
  dueWithinDays: number;
  reason?: EscalationReason;
  caseType?: string;
  assignee?: string;
  /** Cases involving this agency. */
  agency?: string;
  overdueOnly?: boolean;
  /** Who is asking: restricted cases only with the DA permission or for an agency involved. */
  viewer: { agency: string; daAccess: boolean };
  limit: number;
  /** Keyset cursor: the last entry of the previous page. */
  after?: { priority: number; dueAt: string; entryId: string };
}

export interface EscalationQueueItem {
  entryId: string;
  caseId: string;
  caseType: string;
  stage: string;
  reason: { code: EscalationReason; text: string };
  priority: number;
  deadline: { deadlineId: string; rule: string } | null;
  dueAt: string;
  overdue: boolean;
  /** Whole minutes past dueAt at `now`; negative while still to come. */
  minutesLate: number;
  assignee: { caseworkerId: string; agency: string | null } | null;
  agencies: string[];
  restricted: boolean;
}

const DAY_MS = 86_400_000;

/** The queue as it stands at `now`, by priority then due time (soonest, or most late, first). */
export async function readEscalationQueue(db: CasetrailDatabase, query: EscalationQueueQuery): Promise<EscalationQueueItem[]> {
  const now = new Date(query.now).toISOString();
  const horizon = new Date(Date.parse(now) + query.dueWithinDays * DAY_MS).toISOString();
  let q = db
    .withTables<EscalationQueueTables>()
    .selectFrom('escalation_entries')
    .selectAll()
    .where((eb) => eb.or([eb('visible_from', 'is', null), eb('visible_from', '<=', now)]))
    .where((eb) => eb.or([eb('visible_until', 'is', null), eb('visible_until', '>=', now)]))
    .where((eb) => eb.or([eb('coming_due', '=', 0), eb('due_at', '<=', horizon)]));
  if (query.reason) q = q.where('reason', '=', query.reason);
  if (query.caseType) q = q.where('case_type', '=', query.caseType);
  if (query.assignee) q = q.where('assignee_id', '=', query.assignee);
  if (query.agency) q = q.where('agencies', 'like', `%${JSON.stringify(query.agency)}%`);
  if (query.overdueOnly) q = q.where('due_at', '<', now);
  if (!query.viewer.daAccess) {
    const agency = JSON.stringify(query.viewer.agency);
    q = q.where((eb) => eb.or([eb('restricted', '=', 0), eb('agencies', 'like', `%${agency}%`)]));
  }
  const { after } = query;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('priority', '>', after.priority),
        eb.and([eb('priority', '=', after.priority), eb('due_at', '>', after.dueAt)]),
        eb.and([eb('priority', '=', after.priority), eb('due_at', '=', after.dueAt), eb('entry_id', '>', after.entryId)]),
      ]),
    );
  }
  const rows = await q.orderBy('priority').orderBy('due_at').orderBy('entry_id').limit(query.limit).execute();
  return rows.map((r) => {
    const minutesLate = Math.floor((Date.parse(now) - Date.parse(r.due_at)) / 60_000);
    const code = r.reason as EscalationReason;
    return {
      entryId: r.entry_id,
      caseId: r.case_id,
      caseType: r.case_type,
      stage: r.stage,
      reason: { code, text: reasonText(code, r.rule) },
      priority: r.priority,
      deadline: r.deadline_id !== null && r.rule !== null ? { deadlineId: r.deadline_id, rule: r.rule } : null,
      dueAt: r.due_at,
      overdue: r.due_at < now,
      minutesLate,
      assignee: r.assignee_id !== null ? { caseworkerId: r.assignee_id, agency: r.assignee_agency } : null,
      agencies: JSON.parse(r.agencies) as string[],
      restricted: r.restricted === 1,
    };
  });
}
