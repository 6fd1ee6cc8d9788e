import { z } from 'zod';
import { DecisionContext } from '@casetrail/workflow';

const wholeCount = z.number().int().positive();

/** Section `asb` of the policy configuration (policy/asb.yaml). */
export const asbPolicy = {
  section: 'asb',
  schema: z.object({
    /** A new report is triaged (risk-assessed) within this many hours. */
    triageDueHours: wholeCount.max(24 * 14),
    /** An open investigation is reviewed at least this often. */
    reviewIntervalDays: wholeCount.max(366),
    /** A complaint made within this many months of the behaviour qualifies for the Community Trigger. */
    complaintQualifyingMonths: wholeCount.max(12),
    /** Tell the victim about the ASB Case Review at this many complaints within the prompt period... */
    caseReviewPromptComplaints: wholeCount.max(10),
    /** ...of this many months. */
    caseReviewPromptMonths: wholeCount.max(24),
  }),
} as const;

export type AsbPolicyKey = keyof z.infer<typeof asbPolicy.schema>;

/** A policy value in force now, and the `{ 'asb.<key>': value }` record the event keeps. */
export function applyAsbPolicy(context: DecisionContext, key: AsbPolicyKey): { value: number; applied: Record<string, number> } {
  const entry = context.policy.get<number>(asbPolicy.section, key, context.now);
  return { value: entry.value, applied: { [entry.key]: entry.value } };
}
