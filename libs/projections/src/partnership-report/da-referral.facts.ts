import { z } from 'zod';
import { DA_REFERRAL_EVENT_SCHEMAS } from '@casetrail/cases';
import { londonDate } from '@casetrail/workflow';
import { FACT_KIND, FactDraft } from './report-fact';

const events = DA_REFERRAL_EVENT_SCHEMAS;
// Gender is the one victim field read (it is not personal data on its own, and is published).
const Received = z.object({
  receivedAt: events.ReferralReceived.shape.receivedAt,
  victim: z.object({ gender: events.ReferralReceived.shape.victim.shape.gender }),
});
const RiskAssessed = events.RiskAssessed.pick({ finalLevel: true }).loose();
const ReferredToMarac = events.ReferredToMarac.pick({ referredAt: true, repeat: true }).loose();
const IdvaAllocated = events.IdvaAllocated.pick({ allocatedAt: true }).loose();

/** Referrals by victim gender and by risk level (both on the day received), MARAC referrals, IDVAs. */
export function daReferralFacts(type: string, data: unknown): FactDraft[] {
  switch (type) {
    case 'ReferralReceived': {
      const { receivedAt, victim } = Received.parse(data);
      return [{ kind: FACT_KIND.daReferral, on: londonDate(receivedAt), dimension: victim.gender }];
    }
    case 'RiskAssessed':
      // Counted with the referral it grades, so a year's referrals add up across risk levels.
      return [
        {
          kind: FACT_KIND.daReferralRisk,
          on: { dateOf: FACT_KIND.daReferral },
          dimension: RiskAssessed.parse(data).finalLevel,
          onePerCase: true,
        },
      ];
    case 'ReferredToMarac': {
      const { referredAt, repeat } = ReferredToMarac.parse(data);
      return [{ kind: FACT_KIND.maracReferral, on: londonDate(referredAt), dimension: repeat ? 'repeat' : 'first' }];
    }
    case 'IdvaAllocated':
      return [{ kind: FACT_KIND.idvaAllocated, on: londonDate(IdvaAllocated.parse(data).allocatedAt) }];
    default:
      return [];
  }
}
