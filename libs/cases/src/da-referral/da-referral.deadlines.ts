import { DeadlineEvent, Deadlines, meetDeadline } from '@casetrail/workflow';

/** Triage: the first successful contact with the victim, `firstContactHours` after the referral. */
export const FIRST_CONTACT = 'FIRST_CONTACT';
/** A high-risk case goes to MARAC within `maracReferralHours` of the assessment. */
export const MARAC_REFERRAL = 'MARAC_REFERRAL';

/** The instant `hours` after `instant`: hour-based deadlines run on the clock, not the calendar. */
export function hoursAfter(instant: string, hours: number): string {
  return new Date(Date.parse(instant) + hours * 3_600_000).toISOString();
}

/**
 * Settles an open deadline by something done at `doneAt`. meetDeadline does not look at the due
 * time, and a late contact or referral must count as missed, not met, in the managers' figures;
 * the scheduler's own ExpireDeadline then finds nothing open and does nothing.
 */
export function settleDeadline(deadlines: Deadlines, id: string, doneAt: string, now: string): DeadlineEvent[] {
  const deadline = deadlines[id];
  if (!deadline || deadline.status !== 'open') return [];
  if (Date.parse(doneAt) <= Date.parse(deadline.dueAt)) return meetDeadline(deadlines, id, doneAt);
  return [
    {
      type: 'DeadlineMissed',
      data: { deadlineId: id, rule: deadline.rule, dueAt: deadline.dueAt, missedAt: now },
    },
  ];
}
