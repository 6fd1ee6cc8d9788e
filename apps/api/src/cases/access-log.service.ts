import { Inject, Injectable } from '@nestjs/common';
import { CasetrailDatabase } from '@casetrail/persistence';
import { Principal } from '../auth/principal';
import { DATABASE } from '../persistence/database.module';

export interface AccessLogEntry {
  at: string;
  userId: string;
  role: string;
  agency: string;
  caseId: string;
  caseType: string;
  endpoint: string;
  requestId: string;
}

/** Every read of a restricted case: who, when, what, through which endpoint. */
@Injectable()
export class AccessLog {
  constructor(@Inject(DATABASE) private readonly db: CasetrailDatabase) {}

  async record(principal: Principal, cases: { caseId: string; caseType: string }[], endpoint: string, requestId: string, at: string): Promise<void> {
    if (cases.length === 0) return;
    await this.db
      .insertInto('access_log')
      .values(
        cases.map((c) => ({
          at,
          user_id: principal.userId,
          role: principal.role,
          agency: principal.agency,
          case_id: c.caseId,
          case_type: c.caseType,
          endpoint,
          request_id: requestId,
        })),
      )
      .execute();
  }

  async list(filter: { caseId?: string; userId?: string; from?: string; to?: string; after?: number; limit: number }): Promise<(AccessLogEntry & { id: number })[]> {
    let query = this.db.selectFrom('access_log').selectAll().orderBy('id', 'asc').limit(filter.limit);
    if (filter.caseId) query = query.where('case_id', '=', filter.caseId);
    if (filter.userId) query = query.where('user_id', '=', filter.userId);
    if (filter.from) query = query.where('at', '>=', filter.from);
    if (filter.to) query = query.where('at', '<', filter.to);
    if (filter.after !== undefined) query = query.where('id', '>', filter.after);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      role: r.role,
      agency: r.agency,
      caseId: r.case_id,
      caseType: r.case_type,
      endpoint: r.endpoint,
      requestId: r.request_id,
    }));
  }
}
