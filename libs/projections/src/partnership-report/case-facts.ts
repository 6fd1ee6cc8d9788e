import { asbFacts } from './asb.facts';
import { communityTriggerFacts } from './community-trigger.facts';
import { cpwCpnFacts } from './cpw-cpn.facts';
import { daReferralFacts } from './da-referral.facts';
import { FactDraft } from './report-fact';

// By case type first: two types may share an event name (RiskAssessed is ASB's and DA's).
const FACTS_BY_CASE_TYPE: Record<string, (type: string, data: unknown) => FactDraft[]> = {
  asb: asbFacts,
  'cpw-cpn': cpwCpnFacts,
  'community-trigger': communityTriggerFacts,
  'da-referral': daReferralFacts,
};

/** The countable facts one event of a case yields; none for a case type the report does not cover. */
export function factsOfCaseEvent(caseType: string, eventType: string, data: unknown): FactDraft[] {
  return FACTS_BY_CASE_TYPE[caseType]?.(eventType, data) ?? [];
}
