import { AsbCategory, CPW_CPN_EVENT_SCHEMAS, DA_REFERRAL_EVENT_SCHEMAS, MediationType } from '@casetrail/cases';
import { FactTally } from './fact-tally';
import { FACT_KIND as F } from './report-fact';
import { ReportPeriod } from './report-period';

/** Money as the events hold it (whole pence) and as a partnership publishes it (pounds, 2 places). */
export interface Money {
  pence: number;
  gbp: string;
}

export interface DaReferralFigures {
  total: number;
  /** By the final risk level; `not-assessed` for referrals with no assessment yet. */
  byRiskLevel: Record<string, number>;
  byVictimGender: Record<string, number>;
}

/** What a Community Safety Partnership publishes for a period (DOMAIN.md). Aggregates only. */
export interface PartnershipReport {
  period: ReportPeriod;
  asb: { casesOpened: number; byCategory: Record<string, number> };
  mediation: { referrals: number; byType: Record<string, number> };
  cpwCpn: {
    cpwsIssued: number;
    cpnsIssued: number;
    breaches: number;
    fpns: { issued: number; amountIssued: Money; paid: number; paidEarly: number; amountPaid: Money };
    prosecutions: {
      started: number;
      concluded: number;
      byResult: Record<string, number>;
      chargesProved: number;
      fines: Money;
      costs: Money;
      victimSurcharge: Money;
      totalPayable: Money;
    };
  };
  communityTrigger: {
    applications: number;
    thresholdMet: number;
    thresholdNotMet: number;
    reviewsCarriedOut: number;
    reviewsWithRecommendations: number;
    recommendationsMade: number;
  };
  domesticAbuse: {
    referrals: DaReferralFigures;
    previousYear: { period: ReportPeriod; referrals: DaReferralFigures };
    marac: { referrals: number; repeats: number };
    idvaAllocations: number;
  };
}

// The lists the report breaks down by, from the events' own schemas, so they cannot drift.
const PROSECUTION_RESULTS = CPW_CPN_EVENT_SCHEMAS.ProsecutionConcluded.options.map((o) => o.shape.result.value);
const RISK_LEVELS = DA_REFERRAL_EVENT_SCHEMAS.RiskAssessed.shape.finalLevel.options;
const VICTIM_GENDERS = DA_REFERRAL_EVENT_SCHEMAS.ReferralReceived.shape.victim.shape.gender.options;

export function money(pence: number): Money {
  return { pence, gbp: `${Math.trunc(pence / 100)}.${String(pence % 100).padStart(2, '0')}` };
}

/** The report from the facts of the period and of the same period a year before. */
export function buildPartnershipReport(period: ReportPeriod, facts: FactTally, previousYear: ReportPeriod, factsYearBefore: FactTally): PartnershipReport {
  return {
    period,
    asb: { casesOpened: facts.count(F.asbCaseOpened), byCategory: facts.countBy(F.asbCaseOpened, AsbCategory.options) },
    mediation: { referrals: facts.count(F.mediationReferred), byType: facts.countBy(F.mediationReferred, MediationType.options) },
    cpwCpn: {
      cpwsIssued: facts.count(F.cpwIssued),
      cpnsIssued: facts.count(F.cpnIssued),
      breaches: facts.count(F.cpnBreach),
      fpns: {
        issued: facts.count(F.fpnIssued),
        amountIssued: money(facts.total(F.fpnIssued)),
        paid: facts.count(F.fpnPaid),
        paidEarly: facts.count(F.fpnPaid, 'early'),
        amountPaid: money(facts.total(F.fpnPaid)),
      },
      prosecutions: {
        started: facts.count(F.prosecutionStarted),
        concluded: facts.count(F.prosecutionConcluded),
        byResult: facts.countBy(F.prosecutionConcluded, PROSECUTION_RESULTS),
        chargesProved: facts.total(F.prosecutionConcluded, 'guilty'),
        fines: money(facts.total(F.prosecutionFine)),
        costs: money(facts.total(F.prosecutionCosts)),
        victimSurcharge: money(facts.total(F.prosecutionVictimSurcharge)),
        totalPayable: money(facts.total(F.prosecutionTotalPayable)),
      },
    },
    communityTrigger: {
      applications: facts.count(F.ctApplication),
      thresholdMet: facts.count(F.ctThresholdDecision, 'met'),
      thresholdNotMet: facts.count(F.ctThresholdDecision, 'not-met'),
      reviewsCarriedOut: facts.count(F.ctReview),
      reviewsWithRecommendations: facts.count(F.ctReview, 'with-recommendations'),
      recommendationsMade: facts.total(F.ctReview),
    },
    domesticAbuse: {
      referrals: daReferralFigures(facts),
      previousYear: { period: previousYear, referrals: daReferralFigures(factsYearBefore) },
      marac: { referrals: facts.count(F.maracReferral), repeats: facts.count(F.maracReferral, 'repeat') },
      idvaAllocations: facts.count(F.idvaAllocated),
    },
  };
}

function daReferralFigures(facts: FactTally): DaReferralFigures {
  const total = facts.count(F.daReferral);
  const byRiskLevel = facts.countBy(F.daReferralRisk, RISK_LEVELS);
  // Every referral counts once: those not yet assessed are shown as such, so the levels add up.
  byRiskLevel['not-assessed'] = total - facts.count(F.daReferralRisk);
  return { total, byRiskLevel, byVictimGender: facts.countBy(F.daReferral, VICTIM_GENDERS) };
}
