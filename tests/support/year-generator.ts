import { addDays, addMonths } from '@casetrail/workflow';
import { runAsbCase } from './year-generator-asb';
import { Casework } from './year-generator-casework';
import { runCommunityTrigger } from './year-generator-community-trigger';
import { runDaReferral } from './year-generator-da-referral';
import { GeneratedFact, GeneratorContext } from './year-generator-ledger';
import { SeededRandom } from './year-generator-random';

export type { GeneratedFact } from './year-generator-ledger';

/** Daily rates of a borough of about 130,000 people (DOMAIN.md's yearly figures over 365 days). */
const PER_DAY = {
  asbCases: 84 / 365,
  communityTriggerApplications: 2 / 365,
  daReferralsYearBefore: 245 / 365,
  daReferrals: 276 / 365,
};

export interface BoroughYear {
  /** Everything the generator did that a report counts, in the order it did it. */
  facts: GeneratedFact[];
  commandsSent: number;
}

/**
 * A borough-year of casework sent through the command path: ASB cases (with their mediation
 * referrals and CPW/CPN escalations) and Community Trigger applications arriving through
 * `year`, and domestic-abuse referrals through `year` and the year before it (for the
 * year-on-year figure). How many arrive each day, and each case's path, are drawn from `seed`.
 */
export async function generateBoroughYear(casework: Casework, seed: number, year: { from: string; to: string }): Promise<BoroughYear> {
  const facts: GeneratedFact[] = [];
  const ctx: GeneratorContext = { casework, random: new SeededRandom(seed), record: (fact) => facts.push(fact) };
  for (let day = addMonths(year.from, -12); day <= year.to; day = addDays(day, 1)) {
    const inYear = day >= year.from;
    const daReferrals = ctx.random.poisson(inYear ? PER_DAY.daReferrals : PER_DAY.daReferralsYearBefore);
    for (let n = 0; n < daReferrals; n += 1) await runDaReferral(ctx, day);
    if (!inYear) continue;
    const asbCases = ctx.random.poisson(PER_DAY.asbCases);
    for (let n = 0; n < asbCases; n += 1) await runAsbCase(ctx, day);
    if (ctx.random.chance(PER_DAY.communityTriggerApplications)) await runCommunityTrigger(ctx, day);
  }
  return { facts, commandsSent: casework.commandsSent };
}
