import { AsbCategory, MediationType } from '@casetrail/cases';
import { addMonths } from '@casetrail/workflow';
import { GeneratedFact } from '../support/year-generator';

type Period = { from: string; to: string };
type What = GeneratedFact['what'];
type FactOf<W extends What> = Extract<GeneratedFact, { what: W }>;

const RISK_LEVELS = ['standard', 'medium', 'high'];
const GENDERS = ['female', 'male', 'non-binary', 'not-known'];

/**
 * The report a partnership should publish for `period`, tallied from what the generator says
 * it did: written independently of the projection and its query, which it checks.
 */
export function expectedReport(facts: GeneratedFact[], period: Period) {
  const inPeriod = <W extends What>(what: W, p: Period = period): FactOf<W>[] =>
    facts.filter((f): f is FactOf<W> => f.what === what && f.on >= p.from && f.on <= p.to);
  const sum = <T>(items: T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0);
  const countBy = <T>(items: T[], keys: readonly string[], key: (item: T) => string) =>
    Object.fromEntries(keys.map((k) => [k, items.filter((item) => key(item) === k).length]));
  const pounds = (pence: number) => ({ pence, gbp: (pence / 100).toFixed(2) });

  const guilty = inPeriod('prosecution-concluded').filter((f): f is Extract<FactOf<'prosecution-concluded'>, { result: 'guilty' }> => f.result === 'guilty');
  const fines = sum(guilty, (f) => f.finePence);
  const costs = sum(guilty, (f) => f.costsPence);
  const surcharges = sum(guilty, (f) => f.victimSurchargePence);
  const reviews = inPeriod('ct-review');
  const thresholds = inPeriod('ct-threshold-decided');
  const previousYear = { from: addMonths(period.from, -12), to: addMonths(period.to, -12) };
  const daReferrals = (p: Period) => {
    const referrals = inPeriod('da-referral', p);
    return {
      total: referrals.length,
      byRiskLevel: countBy(referrals, [...RISK_LEVELS, 'not-assessed'], (f) => f.risk),
      byVictimGender: countBy(referrals, GENDERS, (f) => f.gender),
    };
  };
  const maracReferrals = inPeriod('marac-referral');

  return {
    period,
    asb: { casesOpened: inPeriod('asb-case-opened').length, byCategory: countBy(inPeriod('asb-case-opened'), AsbCategory.options, (f) => f.category) },
    mediation: { referrals: inPeriod('mediation-referred').length, byType: countBy(inPeriod('mediation-referred'), MediationType.options, (f) => f.mediationType) },
    cpwCpn: {
      cpwsIssued: inPeriod('cpw-issued').length,
      cpnsIssued: inPeriod('cpn-issued').length,
      breaches: inPeriod('cpn-breach').length,
      fpns: {
        issued: inPeriod('fpn-issued').length,
        amountIssued: pounds(sum(inPeriod('fpn-issued'), (f) => f.pence)),
        paid: inPeriod('fpn-paid').length,
        paidEarly: inPeriod('fpn-paid').filter((f) => f.early).length,
        amountPaid: pounds(sum(inPeriod('fpn-paid'), (f) => f.pence)),
      },
      prosecutions: {
        started: inPeriod('prosecution-started').length,
        concluded: inPeriod('prosecution-concluded').length,
        byResult: countBy(inPeriod('prosecution-concluded'), ['guilty', 'not-guilty', 'withdrawn'], (f) => f.result),
        chargesProved: sum(guilty, (f) => f.charges),
        fines: pounds(fines),
        costs: pounds(costs),
        victimSurcharge: pounds(surcharges),
        totalPayable: pounds(fines + costs + surcharges),
      },
    },
    communityTrigger: {
      applications: inPeriod('ct-application').length,
      thresholdMet: thresholds.filter((f) => f.met).length,
      thresholdNotMet: thresholds.filter((f) => !f.met).length,
      reviewsCarriedOut: reviews.length,
      reviewsWithRecommendations: reviews.filter((f) => f.recommendations > 0).length,
      recommendationsMade: sum(reviews, (f) => f.recommendations),
    },
    domesticAbuse: {
      referrals: daReferrals(period),
      previousYear: { period: previousYear, referrals: daReferrals(previousYear) },
      marac: { referrals: maracReferrals.length, repeats: maracReferrals.filter((f) => f.repeat).length },
      idvaAllocations: inPeriod('idva-allocated').length,
    },
  };
}
