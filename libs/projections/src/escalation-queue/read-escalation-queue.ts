import { RawBuilder, sql } from 'kysely';
import { CasetrailDatabase } from '@casetrail/persistence';
import { EscalationReason, reasonText } from './escalation-reasons';
import { EscalationEntryTable, EscalationQueueTables } from './escalation-queue.table';

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

/** The conditions every way of reading the queue shares, on the entries table as `e`. */
function conditions(query: EscalationQueueQuery, now: string, horizon: string): RawBuilder<boolean>[] {
  const e = (column: string) => sql.ref(`e.${column}`);
  const all = [
    sql<boolean>`(${e('visible_from')} IS NULL OR ${e('visible_from')} <= ${now})`,
    sql<boolean>`(${e('visible_until')} IS NULL OR ${e('visible_until')} >= ${now})`,
    sql<boolean>`(${e('coming_due')} = 0 OR ${e('due_at')} <= ${horizon})`,
  ];
  if (query.reason) all.push(sql<boolean>`${e('reason')} = ${query.reason}`);
  if (query.caseType) all.push(sql<boolean>`${e('case_type')} = ${query.caseType}`);
  if (query.assignee) all.push(sql<boolean>`${e('assignee_id')} = ${query.assignee}`);
  if (query.overdueOnly) all.push(sql<boolean>`${e('due_at')} < ${now}`);
  const { after } = query;
  // A row value, so both databases seek the order index to the cursor rather than scan up to it.
  if (after) all.push(sql<boolean>`(${e('priority')}, ${e('due_at')}, ${e('entry_id')}) > (${after.priority}, ${after.dueAt}, ${after.entryId})`);
  return all;
}

/**
 * The queue as it stands at `now`, by priority then due time (soonest, or most late, first).
 * Each page is read from indexes in queue order: a viewer without the DA permission gets the
 * unrestricted entries and, through `escalation_entry_agencies`, the restricted ones of cases
 * their agency is involved in, merged; "cases involving an agency" reads that agency's entries.
 */
export async function readEscalationQueue(db: CasetrailDatabase, query: EscalationQueueQuery): Promise<EscalationQueueItem[]> {
  const now = new Date(query.now).toISOString();
  const horizon = new Date(Date.parse(now) + query.dueWithinDays * DAY_MS).toISOString();
  const q = db.withTables<EscalationQueueTables>();
  const where = conditions(query, now, horizon);
  const entries = () => where.reduce((b, c) => b.where(c), q.selectFrom('escalation_entries as e').selectAll('e'));
  const viaAgency = (agency: string) =>
    where.reduce((b, c) => b.where(c), q.selectFrom('escalation_entry_agencies as a').innerJoin('escalation_entries as e', 'e.entry_id', 'a.entry_id').selectAll('e').where('a.agency', '=', agency));
  let rows: EscalationEntryTable[];
  if (query.agency && query.viewer.daAccess) {
    rows = await viaAgency(query.agency).orderBy('a.priority').orderBy('a.due_at').orderBy('a.entry_id').limit(query.limit).execute();
  } else if (query.agency) {
    // The agency's unrestricted entries, and the restricted ones the viewer's agency is involved in too.
    const agency = query.agency;
    const open = viaAgency(agency).where('a.restricted', '=', 0).orderBy('a.priority').orderBy('a.due_at').orderBy('a.entry_id').limit(query.limit);
    const involved = viaAgency(query.viewer.agency)
      .where('a.restricted', '=', 1)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('escalation_entry_agencies as x')
            .select('x.entry_id')
            .where('x.agency', '=', agency)
            .whereRef('x.priority', '=', 'a.priority')
            .whereRef('x.due_at', '=', 'a.due_at')
            .whereRef('x.entry_id', '=', 'a.entry_id'),
        ),
      )
      .orderBy('a.priority')
      .orderBy('a.due_at')
      .orderBy('a.entry_id')
      .limit(query.limit);
    rows = await q.selectFrom(open.as('open')).selectAll().unionAll(q.selectFrom(involved.as('involved')).selectAll()).orderBy('priority').orderBy('due_at').orderBy('entry_id').limit(query.limit).execute();
  } else if (query.viewer.daAccess) {
    rows = await entries().orderBy('e.priority').orderBy('e.due_at').orderBy('e.entry_id').limit(query.limit).execute();
  } else {
    const open = entries().where('e.restricted', '=', 0).orderBy('e.priority').orderBy('e.due_at').orderBy('e.entry_id').limit(query.limit);
    const involved = viaAgency(query.viewer.agency).where('a.restricted', '=', 1).orderBy('a.priority').orderBy('a.due_at').orderBy('a.entry_id').limit(query.limit);
    rows = await q
      .selectFrom(open.as('open'))
      .selectAll()
      .unionAll(q.selectFrom(involved.as('involved')).selectAll())
      .orderBy('priority')
      .orderBy('due_at')
      .orderBy('entry_id')
      .limit(query.limit)
      .execute();
  }
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

/** How many entries the queue holds (queue depth); undefined before the projection made its table. */
export async function countEscalationEntries(db: CasetrailDatabase): Promise<number | undefined> {
  const row = await db
    .withTables<EscalationQueueTables>()
    .selectFrom('escalation_entries')
    .select((eb) => eb.fn.countAll().as('entries'))
    .executeTakeFirst()
    .catch(() => undefined);
  return row === undefined ? undefined : Number(row.entries);
}
