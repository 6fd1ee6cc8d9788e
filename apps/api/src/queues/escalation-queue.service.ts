import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { CasetrailDatabase } from '@casetrail/persistence';
import { ESCALATION_QUEUE_PROJECTION, ESCALATION_REASON_CODES, EscalationReason, readEscalationQueue } from '@casetrail/projections';
import { AccessLog } from '../cases/access-log.service';
import { ReadContext } from '../cases/case-queries.service';
import { invalidQuery } from '../problems/http-errors';
import { DATABASE } from '../persistence/database.module';
import { ReadModels } from '../read-model/read-models.service';

export const EscalationQueueQuery = z.strictObject({
  reason: z.enum(ESCALATION_REASON_CODES as [EscalationReason, ...EscalationReason[]]).optional(),
  type: z.string().max(50).optional(),
  assignee: z.string().max(200).optional(),
  agency: z.string().max(100).regex(/^[A-Za-z0-9 _.-]+$/, 'letters, digits, space, _ . or -').optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Community Trigger decisions and panels show once due within this many days. */
  dueWithinDays: z.coerce.number().int().min(0).max(90).default(5),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  consistentWith: z.coerce.number().int().min(0).optional(),
});
export type EscalationQueueQuery = z.infer<typeof EscalationQueueQuery>;

const Cursor = z.object({ priority: z.number().int(), dueAt: z.string(), entryId: z.string() });

/** GET /api/queues/escalations: what needs a manager now, most urgent first. */
@Injectable()
export class EscalationQueue {
  constructor(
    @Inject(DATABASE) private readonly db: CasetrailDatabase,
    private readonly readModels: ReadModels,
    private readonly accessLog: AccessLog,
  ) {}

  async list(context: ReadContext, query: EscalationQueueQuery) {
    const { consistentWith } = query;
    await this.readModels.consistentWith(consistentWith, [ESCALATION_QUEUE_PROJECTION]);
    const { principal } = context;
    const rows = await readEscalationQueue(this.db, {
      now: context.now,
      dueWithinDays: query.dueWithinDays,
      ...(query.reason ? { reason: query.reason } : {}),
      ...(query.type ? { caseType: query.type } : {}),
      ...(query.assignee ? { assignee: query.assignee } : {}),
      ...(query.agency ? { agency: query.agency } : {}),
      overdueOnly: query.overdue === 'true',
      viewer: { agency: principal.agency, daAccess: principal.daAccess },
      limit: query.limit + 1,
      ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
    });
    const page = rows.slice(0, query.limit);
    // A restricted case shown in a list is a read of it (docs/security.md).
    const restricted = [...new Map(page.filter((i) => i.restricted).map((i) => [i.caseId, { caseId: i.caseId, caseType: i.caseType }])).values()];
    await this.accessLog.record(principal, restricted, context.endpoint, context.requestId, context.now);
    const last = page.at(-1);
    return {
      now: context.now,
      items: page.map(({ minutesLate, ...item }) => ({ ...item, minutesLate, lateness: lateness(minutesLate) })),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ priority: last.priority, dueAt: last.dueAt, entryId: last.entryId }) : null,
    };
  }
}

/** "2 days 3 hours late", "due in 4 hours": how late, in words. */
export function lateness(minutesLate: number): string {
  const minutes = Math.abs(minutesLate);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const parts = days > 0 ? [plural(days, 'day'), ...(hours > 0 ? [plural(hours, 'hour')] : [])] : hours > 0 ? [plural(hours, 'hour')] : [plural(minutes % 60, 'minute')];
  return minutesLate > 0 ? `${parts.join(' ')} late` : minutesLate === 0 ? 'due now' : `due in ${parts.join(' ')}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function encodeCursor(cursor: z.infer<typeof Cursor>): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): z.infer<typeof Cursor> {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw invalidQuery([{ path: 'query.cursor', message: 'is not a cursor this API returned' }]);
  }
}
