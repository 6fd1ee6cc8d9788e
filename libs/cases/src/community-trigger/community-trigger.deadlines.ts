import { AppliedPolicy, DecisionContext, DeadlineEvent, deadlineId, endOfLondonDay, scheduleDeadline } from '@casetrail/workflow';
import { appliedValues } from './community-trigger.policy';

/** The local timescales the partnership is held to, as deadline rules. */
export const COMMUNITY_TRIGGER_DEADLINES = {
  acknowledgement: 'CT_ACKNOWLEDGEMENT',
  thresholdDecision: 'CT_THRESHOLD_DECISION',
  reviewPanel: 'CT_REVIEW_PANEL',
} as const;
export type CommunityTriggerDeadlineRule = (typeof COMMUNITY_TRIGGER_DEADLINES)[keyof typeof COMMUNITY_TRIGGER_DEADLINES];

export function communityTriggerDeadlineId(context: DecisionContext, rule: CommunityTriggerDeadlineRule): string {
  return deadlineId(context.caseId, rule);
}

/**
 * A deadline `workingDays` England and Wales working days after `from`, due at the end of that
 * London day. Returns the last date too, for the events that state it to people.
 */
export function workingDaysDeadline(
  context: DecisionContext,
  rule: CommunityTriggerDeadlineRule,
  from: string,
  workingDays: AppliedPolicy<number>,
): { lastDate: string; scheduled: DeadlineEvent } {
  const lastDate = context.calendar.addWorkingDays(from, workingDays.value);
  const scheduled = scheduleDeadline(
    communityTriggerDeadlineId(context, rule),
    rule,
    endOfLondonDay(lastDate),
    appliedValues(workingDays),
  );
  return { lastDate, scheduled };
}
