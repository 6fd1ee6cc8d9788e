import { DecisionContext, deadlineId, DomainRuleError, londonDate, scheduleDeadline } from '@casetrail/workflow';
import { CommandOf } from './da-referral.commands';
import { FIRST_CONTACT, hoursAfter } from './da-referral.deadlines';
import { DaReferralEvent } from './da-referral.events';
import { daPolicy } from './da-referral.policy';

// ---- ReceiveReferral ---------------------------------------------------------------------

export function decideReceiveReferral(command: CommandOf<'ReceiveReferral'>, context: DecisionContext): DaReferralEvent[] {
  const { victim, perpetrator, lastMaracReferralDate } = command.data;
  const today = londonDate(context.now);
  refuseFutureDate('victim.dateOfBirth', victim.dateOfBirth, today);
  refuseFutureDate('perpetrator.dateOfBirth', perpetrator.dateOfBirth, today);
  // A future "last MARAC referral" would make every later referral look like a repeat.
  refuseFutureDate('lastMaracReferralDate', lastMaracReferralDate, today);

  const firstContactHours = daPolicy(context, 'firstContactHours');
  return [
    { type: 'ReferralReceived', data: { ...command.data, receivedAt: context.now } },
    scheduleDeadline(
      deadlineId(context.caseId, FIRST_CONTACT),
      FIRST_CONTACT,
      hoursAfter(context.now, firstContactHours.value),
      { [firstContactHours.key]: firstContactHours.value },
    ),
  ];
}

function refuseFutureDate(field: string, date: string | undefined, today: string): void {
  if (date !== undefined && date > today) {
    throw new DomainRuleError('DA_DATE_IN_FUTURE', `${field} (${date}) is after today (${today})`, {
      field,
      date,
      today,
    });
  }
}
