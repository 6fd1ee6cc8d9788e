import { CaseRead } from '@casetrail/audit';
import { AccessLog } from '../cases/access-log.service';

const PAGE = 500;

/** Every recorded read of one case, oldest first, page by page. */
export async function caseReads(accessLog: AccessLog, caseId: string): Promise<CaseRead[]> {
  const reads: CaseRead[] = [];
  for (let after: number | undefined; ; ) {
    const page = await accessLog.list({ caseId, limit: PAGE, ...(after !== undefined ? { after } : {}) });
    reads.push(...page.map(({ at, userId, role, agency, endpoint, requestId }) => ({ at, userId, role, agency, endpoint, requestId })));
    if (page.length < PAGE) return reads;
    after = page.at(-1)!.id;
  }
}
