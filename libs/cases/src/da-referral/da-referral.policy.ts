import { z } from 'zod';
import { AppliedPolicy, DecisionContext } from '@casetrail/workflow';

const Count = z.number().int().positive();

/**
 * The risk tools the partnership accepts. Only the SafeLives Dash is scored here (a count of
 * 'yes' against dashCutOffs); the police DARA is scored differently and needs its own rule
 * before it can be listed.
 */
const RiskToolPolicy = z.strictObject({
  tool: z.enum(['safelives-dash']),
  version: z.string().min(1).max(20),
  questionCount: Count,
});

export const DashCutOffs = z
  .strictObject({ high: Count, medium: Count })
  .refine((cutOffs) => cutOffs.medium < cutOffs.high, { message: 'medium must be below high', path: ['medium'] });
export type DashCutOffs = z.infer<typeof DashCutOffs>;

export const daReferralPolicy = {
  section: 'da-referral',
  schema: z.object({
    riskTools: z.array(RiskToolPolicy).min(1),
    dashCutOffs: DashCutOffs,
    escalationIncidents: Count,
    repeatWindowMonths: Count,
    firstContactHours: Count,
    contactAttemptsRequired: Count,
    contactAttemptWindowDays: Count,
    maracReferralHours: Count,
  }),
};

export type DaReferralPolicy = z.infer<typeof daReferralPolicy.schema>;

/** The value of one key of this section in force now, typed by the section's schema. */
export function daPolicy<K extends keyof DaReferralPolicy>(
  context: DecisionContext,
  key: K,
): AppliedPolicy<DaReferralPolicy[K]> {
  return context.policy.get<DaReferralPolicy[K]>(daReferralPolicy.section, key, context.now);
}
