import { Inject, Injectable } from '@nestjs/common';
import { CasetrailDatabase } from '@casetrail/persistence';
import type { CaseSummaryTables } from '@casetrail/projections';
import { FailedJob, FailedJobs } from '@casetrail/scheduling';
import { authorise, canSeeCase, isRestrictedCase } from '../auth/access-policy';
import { CaseAccessFacts } from '../auth/principal';
import { AccessLog } from '../cases/access-log.service';
import { ReadContext } from '../cases/case-queries.service';
import { CaseTypes } from '../cases/case-types';
import { FAILED_JOBS } from '../deadlines/failed-jobs.token';
import { DATABASE } from '../persistence/database.module';
import { HttpProblem } from '../problems/http-errors';

/**
 * Jobs that gave up, for admins. A job names its case, so a restricted case's jobs are shown
 * only to those who may see the case (as GET /api/cases filters), and each such read is logged.
 */
@Injectable()
export class FailedJobsView {
  constructor(
    @Inject(FAILED_JOBS) private readonly jobs: FailedJobs,
    @Inject(DATABASE) private readonly db: CasetrailDatabase,
    private readonly caseTypes: CaseTypes,
    private readonly accessLog: AccessLog,
  ) {}

  async list(context: ReadContext, limit: number) {
    authorise(context.principal, 'admin.jobs');
    const failed = await this.jobs.listFailed(limit).catch((error: unknown) => {
      throw new HttpProblem(503, 'JOBS_UNAVAILABLE', 'Job queue unavailable', `The failed jobs cannot be read now: ${(error as Error).message}`, {}, { 'Retry-After': '5' });
    });
    const facts = await this.accessFacts(failed);
    const visible = failed.filter((job) => job.caseId === null || canSeeCase(context.principal, facts.get(job.caseId)!));
    const restricted = visible
      .filter((job) => job.caseId !== null && isRestrictedCase(facts.get(job.caseId)!))
      .map((job) => ({ caseId: job.caseId!, caseType: facts.get(job.caseId!)!.caseType }));
    await this.accessLog.record(context.principal, restricted, context.endpoint, context.requestId, context.now);
    return { items: visible };
  }

  /** From the case summary; a case without one yet is treated as restricted, so nothing leaks meanwhile. */
  private async accessFacts(jobs: FailedJob[]): Promise<Map<string, CaseAccessFacts>> {
    const caseIds = [...new Set(jobs.flatMap((job) => (job.caseId === null ? [] : [job.caseId])))];
    const rows =
      caseIds.length === 0
        ? []
        : await this.db
            .withTables<CaseSummaryTables>()
            .selectFrom('case_summaries')
            .select(['case_id', 'case_type', 'restricted', 'agencies'])
            .where('case_id', 'in', caseIds)
            .execute();
    const summaries = new Map(rows.map((row) => [row.case_id, row]));
    return new Map(
      caseIds.map((caseId): [string, CaseAccessFacts] => {
        const row = summaries.get(caseId);
        const caseType = row?.case_type ?? this.caseTypes.forCase(caseId)?.caseType ?? 'unknown';
        return [caseId, { caseType, restricted: row ? row.restricted === 1 : true, agencies: row ? (JSON.parse(row.agencies) as string[]) : [] }];
      }),
    );
  }
}
