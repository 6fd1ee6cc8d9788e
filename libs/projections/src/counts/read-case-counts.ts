import { CasetrailDatabase } from '@casetrail/persistence';
import { CaseCountsTables, NO_RISK } from './case-counts.table';

export interface CaseCount {
  caseType: string;
  stage: string;
  /** null before any risk assessment. */
  risk: string | null;
  cases: number;
}

/** Every type x stage x risk that holds cases, in a stable order. */
export async function readCaseCounts(db: CasetrailDatabase): Promise<CaseCount[]> {
  const rows = await db
    .withTables<CaseCountsTables>()
    .selectFrom('case_counts')
    .selectAll()
    .orderBy('case_type')
    .orderBy('stage')
    .orderBy('risk')
    .execute();
  return rows.map((r) => ({ caseType: r.case_type, stage: r.stage, risk: r.risk === NO_RISK ? null : r.risk, cases: Number(r.cases) }));
}
