import { addMonths, londonDate, PolicyLookup } from '@casetrail/workflow';
import { RETENTION_SECTION, RetentionRule } from './retention-policy';

/** What the report needs to know of a case: no personal data. */
export interface RetainedCase {
  caseId: string;
  caseType: string;
  /** Absent while the case is open. */
  closedAt?: string;
  subjects: { subjectId: string; slot: string; erased: boolean }[];
}

export interface ErasureCandidate {
  caseId: string;
  caseType: string;
  closedAt: string;
  /** The policy key applied, e.g. `retention.asb`, and its value and source. */
  rule: string;
  years: number;
  source?: string;
  /** The London date from which the case's personal data is due for erasure. */
  dueFrom: string;
  /** Subjects whose keys still exist: what EraseSubject is to be sent for. */
  subjects: { subjectId: string; slot: string }[];
}

/**
 * Rule RETENTION_CLOSED_PLUS_YEARS: a closed case is an erasure candidate on `asOf` when its
 * retention period, counted from the London date it closed under the rule in force on `asOf`,
 * has ended (`closed date + years <= asOf`, both London dates; `asOf` may be a date or an instant). Open cases, and cases whose subjects are all
 * erased already, are not candidates. Pure: the caller passes the cases and the policy.
 */
export function erasureCandidates(cases: readonly RetainedCase[], policy: PolicyLookup, asOf: string): ErasureCandidate[] {
  const candidates: ErasureCandidate[] = [];
  for (const retained of cases) {
    if (retained.closedAt === undefined) continue;
    const pending = retained.subjects.filter((s) => !s.erased).map(({ subjectId, slot }) => ({ subjectId, slot }));
    if (pending.length === 0) continue;
    const applied = policy.get<RetentionRule>(RETENTION_SECTION, retained.caseType, asOf);
    const dueFrom = addMonths(londonDate(retained.closedAt), applied.value.years * 12);
    if (dueFrom > londonDate(asOf)) continue;
    candidates.push({
      caseId: retained.caseId,
      caseType: retained.caseType,
      closedAt: retained.closedAt,
      rule: applied.key,
      years: applied.value.years,
      ...(applied.source ? { source: applied.source } : {}),
      dueFrom,
      subjects: pending,
    });
  }
  return candidates.sort((a, b) => a.dueFrom.localeCompare(b.dueFrom) || a.caseId.localeCompare(b.caseId));
}

