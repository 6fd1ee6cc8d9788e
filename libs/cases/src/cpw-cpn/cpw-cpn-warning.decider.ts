import {
  addDays,
  addMonths,
  ageOn,
  cancelOpenDeadlines,
  DecisionContext,
  deadlineId,
  DomainRuleError,
  endOfLondonDay,
  meetDeadline,
  scheduleDeadline,
} from '@casetrail/workflow';
import { CommandData } from './cpw-cpn.commands';
import { AppliedPolicyRecord, CpwCpnEvent } from './cpw-cpn.events';
import { policyAt } from './cpw-cpn.policy';
import { refuseFutureDate, today } from './cpw-cpn.refusals';
import { requireStage } from './cpw-cpn.stages';
import { CpwCpnState, StateIn } from './cpw-cpn.state';
import { S43_LIMBS } from './cpw-cpn.vocabulary';

// --- Opening ------------------------------------------------------------------------------

export function decideOpenEscalation(
  data: CommandData<'OpenEscalation'>,
  state: CpwCpnState,
  context: DecisionContext,
): CpwCpnEvent[] {
  requireStage(state, 'OpenEscalation');
  if (data.recipient.kind === 'individual' && data.recipient.dateOfBirth !== undefined) {
    refuseFutureDate('dateOfBirth', data.recipient.dateOfBirth, context);
  }
  return [
    {
      type: 'EscalationOpened',
      data: {
        openedAt: context.now,
        agency: context.actor.agency,
        ...(data.asbCaseId !== undefined ? { asbCaseId: data.asbCaseId } : {}),
        recipient: data.recipient,
        conduct: data.conduct,
      },
    },
  ];
}

export function decideRecordRecipientDateOfBirth(
  data: CommandData<'RecordRecipientDateOfBirth'>,
  state: CpwCpnState,
  context: DecisionContext,
): CpwCpnEvent[] {
  requireStage(state, 'RecordRecipientDateOfBirth');
  if (state.recipient.kind !== 'individual') {
    throw new DomainRuleError('RECIPIENT_NOT_AN_INDIVIDUAL', 'A body has no date of birth', {});
  }
  refuseFutureDate('dateOfBirth', data.dateOfBirth, context);
  return [{ type: 'RecipientDateOfBirthRecorded', data: { recordedAt: context.now, dateOfBirth: data.dateOfBirth } }];
}

// --- Community Protection Warning (s43) ---------------------------------------------------

export function decideIssueCpw(data: CommandData<'IssueCpw'>, state: CpwCpnState, context: DecisionContext): CpwCpnEvent[] {
  requireStage(state, 'IssueCpw');
  const issuedOn = today(context);
  const policyApplied: AppliedPolicyRecord[] = [];
  const recipientAgeOnIssue = checkRecipientAge(state, issuedOn, context, policyApplied);

  const failingLimb = S43_LIMBS.find((limb) => !data.s43Test[limb].met);
  if (failingLimb) {
    throw new DomainRuleError(
      'CPW_S43_TEST_NOT_MET',
      `The s43(1) test is not met: ${failingLimb} was not found`,
      { limb: failingLimb },
    );
  }
  if (!data.statesCpnWillFollow) {
    throw new DomainRuleError(
      'CPW_MUST_STATE_CPN_WILL_FOLLOW',
      'The written warning must say that a notice will follow if the conduct does not change (s43(5)(a))',
      {},
    );
  }

  const lapse = policyAt(context.policy, 'cpwLapseMonths', { instant: context.now });
  policyApplied.push(lapse);
  const inForceUntil = addDays(addMonths(issuedOn, lapse.value), -1);
  const complyBy = data.timeToComply.kind === 'days' ? addDays(issuedOn, data.timeToComply.days) : data.timeToComply.complyBy;
  if (complyBy <= issuedOn) {
    throw new DomainRuleError('CPW_TIME_TO_COMPLY_NOT_IN_FUTURE', `The time to comply must end after today (${issuedOn})`, {
      complyBy,
      issuedOn,
    });
  }
  // A notice can only follow once the time has passed and before the warning lapses.
  if (complyBy >= inForceUntil) {
    throw new DomainRuleError(
      'CPW_TIME_TO_COMPLY_BEYOND_LAPSE',
      `The time to comply must end before the warning's last day in force (${inForceUntil}), or no notice could follow it`,
      { complyBy, inForceUntil },
    );
  }

  return [
    {
      type: 'CpwIssued',
      data: {
        issuedAt: context.now,
        issuedOn,
        issuer: data.issuer,
        s43Test: data.s43Test,
        requirements: data.requirements,
        complyBy,
        statesCpnWillFollow: true,
        inForceUntil,
        recipientAgeOnIssue,
        policyApplied,
      },
    },
    scheduleDeadline(deadlineId(context.caseId, 'CPW_TIME_TO_COMPLY'), 'CPW_TIME_TO_COMPLY', endOfLondonDay(complyBy)),
  ];
}

/** s43(1): an individual aged 16 or over, or a body. Returns the age on the issue date (null for a body). */
function checkRecipientAge(
  state: StateIn<'opened'>,
  issuedOn: string,
  context: DecisionContext,
  policyApplied: AppliedPolicyRecord[],
): number | null {
  if (state.recipient.kind === 'body') return null;
  const { dateOfBirth } = state.recipient;
  if (dateOfBirth === null) {
    throw new DomainRuleError(
      'CPW_RECIPIENT_AGE_UNKNOWN',
      "The recipient's date of birth must be recorded before a warning, to show they are old enough",
      {},
    );
  }
  const minimumAge = policyAt(context.policy, 'minimumRecipientAge', { instant: context.now });
  const age = ageOn(dateOfBirth, issuedOn);
  if (age < minimumAge.value) {
    throw new DomainRuleError(
      'CPW_RECIPIENT_UNDER_16',
      `The recipient is ${age} on ${issuedOn}; a warning needs an individual aged ${minimumAge.value} or over`,
      { ageOnIssue: age, minimumAge: minimumAge.value },
    );
  }
  policyApplied.push(minimumAge);
  return age;
}

export function decideRecordConductAfterWarning(
  data: CommandData<'RecordConductAfterWarning'>,
  state: CpwCpnState,
  context: DecisionContext,
): CpwCpnEvent[] {
  requireStage(state, 'RecordConductAfterWarning');
  const reviewedOn = today(context);
  if (reviewedOn <= state.cpw.complyBy) {
    throw new DomainRuleError(
      'CPW_TIME_TO_COMPLY_NOT_PASSED',
      `The conduct can be reviewed only after the time to comply ends (${state.cpw.complyBy})`,
      { complyBy: state.cpw.complyBy, today: reviewedOn },
    );
  }
  return [
    {
      type: 'ConductAfterWarningRecorded',
      data: { recordedAt: context.now, reviewedOn, conductContinued: data.conductContinued, note: data.note },
    },
    ...meetDeadline(state.deadlines, deadlineId(context.caseId, 'CPW_TIME_TO_COMPLY'), context.now),
  ];
}

export function decideLapseCpw(state: CpwCpnState, context: DecisionContext): CpwCpnEvent[] {
  requireStage(state, 'LapseCpw');
  const day = today(context);
  if (day <= state.cpw.inForceUntil) {
    throw new DomainRuleError('CPW_NOT_YET_LAPSED', `The warning is in force until ${state.cpw.inForceUntil}`, {
      inForceUntil: state.cpw.inForceUntil,
      today: day,
    });
  }
  return [
    { type: 'CpwLapsed', data: { lapsedAt: context.now, inForceUntil: state.cpw.inForceUntil } },
    ...cancelOpenDeadlines(state.deadlines, 'warning lapsed'),
  ];
}
