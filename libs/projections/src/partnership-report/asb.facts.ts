import { ASB_EVENT_SCHEMAS } from '@casetrail/cases';
import { londonDate } from '@casetrail/workflow';
import { FACT_KIND, FactDraft } from './report-fact';

// Only the fields the report reads are checked (never a personal one, so a shredded event still
// counts); loose, so the other fields of a strict event schema do not matter here.
const Reported = ASB_EVENT_SCHEMAS.AsbReported.pick({ openedAt: true, category: true }).loose();
const MediationReferred = ASB_EVENT_SCHEMAS.MediationReferred.pick({ mediationType: true, referredAt: true }).loose();

/** ASB cases opened, by category; mediation referrals, by type. */
export function asbFacts(type: string, data: unknown): FactDraft[] {
  switch (type) {
    case 'AsbReported': {
      const { openedAt, category } = Reported.parse(data);
      return [{ kind: FACT_KIND.asbCaseOpened, on: londonDate(openedAt), dimension: category }];
    }
    case 'MediationReferred': {
      const { mediationType, referredAt } = MediationReferred.parse(data);
      return [{ kind: FACT_KIND.mediationReferred, on: londonDate(referredAt), dimension: mediationType }];
    }
    default:
      return [];
  }
}
