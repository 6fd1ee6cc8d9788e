import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { z } from 'zod';
import { CasetrailDatabase } from '@casetrail/persistence';
import type { CaseSummaryTables } from '@casetrail/projections';
import { addDays } from '@casetrail/workflow';
import { authorise } from '../auth/access-policy';
import { invalidQuery } from '../problems/http-errors';
import { DATABASE } from '../persistence/database.module';
import { AccessLog } from './access-log.service';
import { ReadContext } from './case-queries.service';

export const CASE_LIST_SORTS = ['newest', 'oldest', 'deadline', 'recent-activity'] as const;
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];

/**
 * Each order is a key and a direction, with the case id breaking ties, so a cursor can resume
 * after any row. A case with no open deadline sorts after every dated one on both dialects.
 */
const ORDERS = {
  newest: { key: sql<string>`coalesce(opened_at, '')`, direction: 'desc' },
  oldest: { key: sql<string>`coalesce(opened_at, '')`, direction: 'asc' },
  deadline: { key: sql<string>`coalesce(next_deadline_at, '~')`, direction: 'asc' },
  'recent-activity': { key: sql<string>`last_event_at`, direction: 'desc' },
} as const;

const Cursor = z.object({ sort: z.enum(CASE_LIST_SORTS), key: z.string(), caseId: z.string() });

export const CaseListQuery = z.strictObject({
  type: z.string().max(50).optional(),
  stage: z.string().max(50).optional(),
  risk: z.enum(['standard', 'medium', 'high']).optional(),
  assignee: z.string().max(200).optional(),
  agency: z.string().max(100).regex(/^[A-Za-z0-9 _.-]+$/, 'letters, digits, space, _ . or -').optional(),
  overdue: z.enum(['true', 'false']).optional(),
  openedFrom: z.iso.date().optional(),
  openedTo: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  sort: z.enum(CASE_LIST_SORTS).default('newest'),
  cursor: z.string().max(500).optional(),
  consistentWith: z.coerce.number().int().min(0).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

/** GET /api/cases: the case summary read model, filtered, in the order asked (newest first by default), with a cursor. */
@Injectable()
export class CaseList {
  constructor(
    @Inject(DATABASE) private readonly db: CasetrailDatabase,
    private readonly accessLog: AccessLog,
  ) {}

  async list(context: ReadContext, query: CaseListQuery) {
    authorise(context.principal, 'case.list');
    const { principal } = context;
    let q = this.db.withTables<CaseSummaryTables>().selectFrom('case_summaries').selectAll();
    if (query.type) q = q.where('case_type', '=', query.type);
    if (query.stage) q = q.where('stage', '=', query.stage);
    if (query.risk) q = q.where('risk', '=', query.risk);
    if (query.assignee) q = q.where('assignee_id', '=', query.assignee);
    if (query.agency) q = q.where('agencies', 'like', `%${JSON.stringify(query.agency)}%`);
    if (query.overdue === 'true') q = q.where('next_deadline_at', '<', context.now);
    if (query.overdue === 'false') q = q.where((eb) => eb.or([eb('next_deadline_at', 'is', null), eb('next_deadline_at', '>=', context.now)]));
    if (query.openedFrom) q = q.where('opened_at', '>=', query.openedFrom);
    if (query.openedTo) q = q.where('opened_at', '<', addDays(query.openedTo, 1));
    // Restricted cases only for holders of the DA permission or members of an agency involved.
    if (!principal.daAccess) {
      q = q.where((eb) => eb.or([eb('restricted', '=', 0), eb('agencies', 'like', `%${JSON.stringify(principal.agency)}%`)]));
    }
    const order = ORDERS[query.sort];
    const after = order.direction === 'desc' ? '<' : '>';
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor, query.sort);
      q = q.where((eb) => eb.or([eb(order.key, after, cursor.key), eb.and([eb(order.key, '=', cursor.key), eb('case_id', after, cursor.caseId)])]));
    }
    const rows = await q
      .select(order.key.as('sort_key'))
      .orderBy(order.key, order.direction)
      .orderBy('case_id', order.direction)
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const restricted = page.filter((r) => r.restricted === 1).map((r) => ({ caseId: r.case_id, caseType: r.case_type }));
    await this.accessLog.record(principal, restricted, context.endpoint, context.requestId, context.now);
    return {
      items: page.map((r) => ({
        caseId: r.case_id,
        type: r.case_type,
        stage: r.stage,
        risk: r.risk,
        assignee: r.assignee_id ? { caseworkerId: r.assignee_id, agency: r.assignee_agency } : null,
        agencies: JSON.parse(r.agencies) as string[],
        restricted: r.restricted === 1,
        openedAt: r.opened_at,
        closedAt: r.closed_at,
        nextDeadlineAt: r.next_deadline_at,
        overdue: r.next_deadline_at !== null && r.next_deadline_at < context.now,
        revision: r.revision,
        lastEventAt: r.last_event_at,
        keyFacts: JSON.parse(r.key_facts) as Record<string, unknown>,
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ sort: query.sort, key: last.sort_key, caseId: last.case_id }) : null,
    };
  }
}

function encodeCursor(cursor: z.infer<typeof Cursor>): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, sort: CaseListSort): z.infer<typeof Cursor> {
  const cursor = (() => {
    try {
      return Cursor.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    } catch {
      throw invalidQuery([{ path: 'query.cursor', message: 'is not a cursor this API returned' }]);
    }
  })();
  if (cursor.sort !== sort) throw invalidQuery([{ path: 'query.cursor', message: `belongs to the "${cursor.sort}" order, not "${sort}"` }]);
  return cursor;
}
