/**
 * Why a case is in the managers' escalation queue. Codes are stable (filters and clients use
 * them); the text is for people. Lower priority numbers come first.
 */
export const ESCALATION_REASONS = {
  MARAC_REFERRAL_OVERDUE: {
    priority: 1,
    text: 'High-risk domestic-abuse referral not yet referred to MARAC within the hours the policy allows',
  },
  DEADLINE_MISSED: { priority: 2, text: 'A deadline was missed and what it waited for has not been done' },
  CPW_DECISION_OVERDUE: {
    priority: 3,
    text: "The warning's time to comply has passed without a decision: review the conduct, issue the notice or let it lapse",
  },
  CT_DECISION_DUE: { priority: 4, text: 'Community Trigger threshold decision coming due' },
  CT_PANEL_DUE: { priority: 4, text: 'Community Trigger review panel coming due' },
  CASE_REVIEW_PROMPT: {
    priority: 5,
    text: 'Second complaint within the prompt period: tell the victim about the ASB Case Review (Community Trigger)',
  },
  CPN_APPEAL_WINDOW_OPEN: { priority: 6, text: 'Community Protection Notice inside its appeal window (s46)' },
} as const;

export type EscalationReason = keyof typeof ESCALATION_REASONS;
export const ESCALATION_REASON_CODES = Object.keys(ESCALATION_REASONS) as EscalationReason[];

/** What each deadline rule waited for, for the text of a missed deadline. */
const RULE_TEXT: Record<string, string> = {
  ASB_TRIAGE_DUE: 'ASB triage (risk assessment) deadline missed',
  ASB_PROGRESS_REVIEW_DUE: 'ASB progress review deadline missed',
  CT_ACKNOWLEDGEMENT: 'Community Trigger acknowledgement deadline missed',
  CT_THRESHOLD_DECISION: 'Community Trigger threshold decision deadline missed',
  CT_REVIEW_PANEL: 'Community Trigger review panel deadline missed',
  FIRST_CONTACT: 'First contact with the domestic-abuse victim not made in time',
  CPN_EXPIRY: 'Community Protection Notice past its last day in force, expiry not recorded',
  FPN_PAYMENT_PERIOD: 'Fixed penalty unpaid at the end of its payment period: decide on prosecution',
};

export function reasonText(reason: EscalationReason, rule: string | null): string {
  if (reason === 'DEADLINE_MISSED' && rule !== null) return RULE_TEXT[rule] ?? `${rule} deadline missed`;
  return ESCALATION_REASONS[reason].text;
}
