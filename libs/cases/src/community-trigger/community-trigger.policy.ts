import { z } from 'zod';
import { AppliedPolicy, DecisionContext, PolicyLookup } from '@casetrail/workflow';

/**
 * The numbers the Community Trigger applies. A local procedure may be more generous to the
 * applicant than the Act, never stricter: the threshold may be lowered below three (s104(4)) and
 * the complaint and application windows widened, so the schema refuses anything stricter.
 */
const WorkingDays = z.number().int().min(1).max(60);

export const CommunityTriggerPolicySchema = z.object({
  qualifyingComplaintsThreshold: z.number().int().min(1).max(3),
  complaintWindowMonths: z.number().int().min(1).max(12),
  applicationWindowMonths: z.number().int().min(6).max(24),
  ackWorkingDays: WorkingDays,
  decisionWorkingDays: WorkingDays,
  panelWorkingDays: WorkingDays,
  pccAppealWorkingDays: WorkingDays,
  localExtras: z.object({
    distinctIndividuals: z.object({
      enabled: z.boolean(),
      count: z.number().int().min(2),
      withinMonths: z.number().int().min(1).max(24),
    }),
    hateIncident: z.object({ enabled: z.boolean(), count: z.number().int().min(1) }),
  }),
  promptAtComplaints: z.number().int().min(1),
  promptWindowMonths: z.number().int().min(1).max(24),
});

export type CommunityTriggerPolicy = z.infer<typeof CommunityTriggerPolicySchema>;
export type CommunityTriggerPolicyKey = keyof CommunityTriggerPolicy;
export type LocalExtrasPolicy = CommunityTriggerPolicy['localExtras'];

export const COMMUNITY_TRIGGER_POLICY_SECTION = 'community-trigger';

export const communityTriggerPolicy = {
  section: COMMUNITY_TRIGGER_POLICY_SECTION,
  schema: CommunityTriggerPolicySchema,
};

/** The value of one key in force at `at`, typed by the key. */
export function policyAt<K extends CommunityTriggerPolicyKey>(
  policy: PolicyLookup,
  key: K,
  at: string,
): AppliedPolicy<CommunityTriggerPolicy[K]> {
  return policy.get<CommunityTriggerPolicy[K]>(COMMUNITY_TRIGGER_POLICY_SECTION, key, at);
}

/** The value of one key in force when the command happens. */
export function policyNow<K extends CommunityTriggerPolicyKey>(
  context: DecisionContext,
  key: K,
): AppliedPolicy<CommunityTriggerPolicy[K]> {
  return policyAt(context.policy, key, context.now);
}

/** `{ 'community-trigger.<key>': value }` for each value applied, as events record them. */
export function appliedValues(...applied: AppliedPolicy<unknown>[]): Record<string, unknown> {
  return Object.fromEntries(applied.map((a) => [a.key, a.value]));
}
