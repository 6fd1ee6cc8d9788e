import { DecisionContext, DeadlineEvent, Deadlines, addDays, deadlineId, endOfLondonDay, londonDate, meetDeadline, scheduleDeadline } from '@casetrail/workflow';
import { applyAsbPolicy } from './asb.policy';

export const PROGRESS_REVIEW_DUE = 'ASB_PROGRESS_REVIEW_DUE';

/** Schedules the next progress review, by the end of the day `reviewIntervalDays` from today. */
export function scheduleNextProgressReview(deadlines: Deadlines, context: DecisionContext): DeadlineEvent {
  const interval = applyAsbPolicy(context, 'reviewIntervalDays');
  // Numbered by how many have been scheduled, so each review deadline keeps its own stable id.
  const occurrence = Object.values(deadlines).filter((d) => d.rule === PROGRESS_REVIEW_DUE).length + 1;
  const dueAt = endOfLondonDay(addDays(londonDate(context.now), interval.value));
  return scheduleDeadline(deadlineId(context.caseId, PROGRESS_REVIEW_DUE, occurrence), PROGRESS_REVIEW_DUE, dueAt, interval.applied);
}

export function meetOpenProgressReviews(deadlines: Deadlines, now: string): DeadlineEvent[] {
  return Object.values(deadlines)
    .filter((d) => d.rule === PROGRESS_REVIEW_DUE)
    .flatMap((d) => meetDeadline(deadlines, d.deadlineId, now));
}
