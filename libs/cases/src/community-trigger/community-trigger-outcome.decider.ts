import { DecisionContext, DomainRuleError, cancelOpenDeadlines, londonDate } from '@casetrail/workflow';
import { CloseApplication, InformApplicant, LodgePccAppeal, RecordPccAppealOutcome } from './community-trigger.commands';
import { CommunityTriggerEvent } from './community-trigger.events';
import { appliedValues, policyNow } from './community-trigger.policy';
import {
  ApplicantInformed,
  PccAppealDecided,
  PccAppealLodged,
  ReviewCompleted,
  ThresholdNotMet,
} from './community-trigger.state';

// --- InformApplicant ------------------------------------------------------------------------

/** s104: the applicant is told the outcome; that message opens the window to appeal. */
export function informApplicant(
  command: InformApplicant,
  state: ThresholdNotMet | ReviewCompleted,
  context: DecisionContext,
): CommunityTriggerEvent[] {
  const informedOn = londonDate(context.now);
  const appealWorkingDays = policyNow(context, 'pccAppealWorkingDays');
  return [
    {
      type: 'ApplicantInformed',
      data: {
        informedAt: context.now,
        informedOn,
        outcome: state.stage === 'threshold-not-met' ? 'threshold-not-met' : 'review-completed',
        method: command.data.method,
        message: command.data.message,
        recommendationCount: state.stage === 'review-completed' ? state.review.recommendationCount : null,
        pccAppealBy: context.calendar.addWorkingDays(informedOn, appealWorkingDays.value),
        applied: appliedValues(appealWorkingDays),
      },
    },
  ];
}

// --- PCC appeal (Schedule 4 para 3) ---------------------------------------------------------

export function lodgePccAppeal(
  command: LodgePccAppeal,
  state: ApplicantInformed,
  context: DecisionContext,
): CommunityTriggerEvent[] {
  const lodgedOn = londonDate(context.now);
  if (lodgedOn > state.pccAppealBy) {
    throw new DomainRuleError(
      'CT_PCC_APPEAL_OUT_OF_TIME',
      `An appeal to the Police and Crime Commissioner had to be lodged by ${state.pccAppealBy}`,
      { lodgedOn, pccAppealBy: state.pccAppealBy },
    );
  }
  return [
    {
      type: 'PccAppealLodged',
      data: { lodgedAt: context.now, lodgedOn, pccAppealBy: state.pccAppealBy, grounds: command.data.grounds },
    },
  ];
}

export function recordPccAppealOutcome(
  command: RecordPccAppealOutcome,
  _state: PccAppealLodged,
  context: DecisionContext,
): CommunityTriggerEvent[] {
  const { outcome, findings } = command.data;
  return [{ type: 'PccAppealOutcomeRecorded', data: { recordedAt: context.now, outcome, findings } }];
}

// --- CloseApplication -----------------------------------------------------------------------

export function closeApplication(
  command: CloseApplication,
  state: ApplicantInformed | PccAppealDecided,
  context: DecisionContext,
): CommunityTriggerEvent[] {
  const today = londonDate(context.now);
  // Closing while the applicant may still appeal would shut the route Sch 4 para 3 requires.
  if (state.stage === 'applicant-informed' && today <= state.pccAppealBy) {
    throw new DomainRuleError(
      'CT_PCC_APPEAL_WINDOW_OPEN',
      `The applicant may appeal to the Police and Crime Commissioner until ${state.pccAppealBy}; close after that date`,
      { today, pccAppealBy: state.pccAppealBy },
    );
  }
  const { note } = command.data;
  return [
    { type: 'ApplicationClosed', data: { closedAt: context.now, outcome: state.outcome, ...(note ? { note } : {}) } },
    ...cancelOpenDeadlines(state.deadlines, 'application closed'),
  ];
}
