import { DecisionContext, deadlineId, daysBetween, DomainRuleError, londonDate } from '@casetrail/workflow';
import { CommandOf } from './da-referral.commands';
import { FIRST_CONTACT, settleDeadline } from './da-referral.deadlines';
import { DaReferralEvent } from './da-referral.events';
import { ContactAttempt, StateIn } from './da-referral.state';

// ---- RecordContactAttempt ----------------------------------------------------------------

export function decideRecordContactAttempt(
  command: CommandOf<'RecordContactAttempt'>,
  state: StateIn<'contact'>,
  context: DecisionContext,
): DaReferralEvent[] {
  const { attemptedAt, outcome } = command.data;
  if (Date.parse(attemptedAt) > Date.parse(context.now)) {
    throw new DomainRuleError('DA_CONTACT_ATTEMPT_IN_FUTURE', `A contact attempt at ${attemptedAt} cannot be recorded before it happens`, {
      attemptedAt,
      now: context.now,
    });
  }
  if (Date.parse(attemptedAt) < Date.parse(state.referral.receivedAt)) {
    throw new DomainRuleError(
      'DA_CONTACT_ATTEMPT_BEFORE_REFERRAL',
      `A contact attempt at ${attemptedAt} is before the referral was received (${state.referral.receivedAt})`,
      { attemptedAt, receivedAt: state.referral.receivedAt },
    );
  }
  return [
    { type: 'ContactAttemptRecorded', data: { ...command.data, attemptNumber: state.attempts.length + 1 } },
    ...(outcome === 'successful'
      ? settleDeadline(state.deadlines, deadlineId(context.caseId, FIRST_CONTACT), attemptedAt, context.now)
      : []),
  ];
}

// ---- The contact standard behind a not-engaged closure -----------------------------------

/**
 * Unanswered attempts (no answer, or unsafe to contact) since the victim was last reached,
 * oldest first. A victim who was reached and declined has declined support, not failed to
 * engage; one reached earlier who has gone silent since must be tried afresh.
 */
export function unansweredSinceLastReached(attempts: ContactAttempt[]): ContactAttempt[] {
  const byTime = [...attempts].sort((a, b) => Date.parse(a.attemptedAt) - Date.parse(b.attemptedAt));
  const lastReached = byTime.findLastIndex((a) => a.outcome === 'successful' || a.outcome === 'declined');
  return byTime.slice(lastReached + 1);
}

/** True when `required` unanswered attempts fall within `windowDays` days of the first of them. */
export function contactStandardMet(attempts: ContactAttempt[], required: number, windowDays: number): boolean {
  const dates = unansweredSinceLastReached(attempts).map((a) => londonDate(a.attemptedAt));
  for (let first = 0; first + required - 1 < dates.length; first += 1) {
    if (daysBetween(dates[first], dates[first + required - 1]) <= windowDays) return true;
  }
  return false;
}
