import { DecisionContext, DomainRuleError, londonDate, meetDeadline } from '@casetrail/workflow';
import { AssessThreshold } from './community-trigger.commands';
import { COMMUNITY_TRIGGER_DEADLINES, communityTriggerDeadlineId, workingDaysDeadline } from './community-trigger.deadlines';
import { CommunityTriggerEvent, ThresholdAssessed } from './community-trigger.events';
import { appliedValues, policyNow } from './community-trigger.policy';
import { AwaitingThresholdDecision } from './community-trigger.state';
import { ThresholdByRule, applyThresholdRules } from './threshold.rule';

/**
 * The deciding officer assesses the threshold. The rules decide first (s104(4) and the local
 * extras); only when they do not may the officer decide, and then only with reasons (s104(5)).
 */
export function assessThreshold(
  command: AssessThreshold,
  state: AwaitingThresholdDecision,
  context: DecisionContext,
): CommunityTriggerEvent[] {
  const threshold = policyNow(context, 'qualifyingComplaintsThreshold');
  const complaintWindow = policyNow(context, 'complaintWindowMonths');
  const applicationWindow = policyNow(context, 'applicationWindowMonths');
  const localExtras = policyNow(context, 'localExtras');
  const byRule = applyThresholdRules({
    complaints: state.application.complaints,
    receivedOn: state.application.receivedOn,
    thresholdUsed: threshold.value,
    complaintWindowMonths: complaintWindow.value,
    applicationWindowMonths: applicationWindow.value,
    localExtras: localExtras.value,
  });
  const discretion = command.data.discretionaryDecision;
  assertDiscretionFits(byRule, discretion !== undefined, threshold.value);

  const met = byRule.metBy !== null || discretion?.met === true;
  const decidedOn = londonDate(context.now);
  const decisionDeadline = meetDeadline(
    state.deadlines,
    communityTriggerDeadlineId(context, COMMUNITY_TRIGGER_DEADLINES.thresholdDecision),
    context.now,
  );
  const assessed: ThresholdAssessed['data'] = {
    decidedAt: context.now,
    decidedOn,
    decidedBy: { id: context.actor.id, agency: context.actor.agency },
    met,
    basis: byRule.metBy ?? 'discretion',
    thresholdUsed: threshold.value,
    qualifyingComplaintIds: byRule.qualifyingComplaintIds,
    nonQualifying: byRule.nonQualifying,
    localExtrasApplied: byRule.localExtrasApplied,
    ...(discretion ? { discretionaryDecision: discretion } : {}),
    applied: appliedValues(threshold, complaintWindow, applicationWindow, localExtras),
  };
  if (!met) return [{ type: 'ThresholdAssessed', data: assessed }, ...decisionDeadline];

  const panelWorkingDays = policyNow(context, 'panelWorkingDays');
  const reviewPanel = workingDaysDeadline(context, COMMUNITY_TRIGGER_DEADLINES.reviewPanel, decidedOn, panelWorkingDays);
  return [
    {
      type: 'ThresholdAssessed',
      data: {
        ...assessed,
        reviewPanelBy: reviewPanel.lastDate,
        applied: { ...assessed.applied, ...appliedValues(panelWorkingDays) },
      },
    },
    ...decisionDeadline,
    reviewPanel.scheduled,
  ];
}

function assertDiscretionFits(byRule: ThresholdByRule, discretionGiven: boolean, thresholdUsed: number): void {
  if (byRule.metBy === null && !discretionGiven) {
    throw new DomainRuleError(
      'CT_DISCRETIONARY_REASONS_REQUIRED',
      'Neither the number of qualifying complaints nor a local extra meets the threshold: ' +
        'decide it with reasons on persistence, harm and the adequacy of the response',
      { qualifyingComplaints: byRule.qualifyingComplaintIds.length, thresholdUsed },
    );
  }
  if (byRule.metBy !== null && discretionGiven) {
    // The law says the threshold must be treated as met: there is nothing left to decide.
    throw new DomainRuleError(
      'CT_DISCRETION_NOT_APPLICABLE',
      'The threshold is met by rule, so it must be treated as met; remove the discretionary decision',
      { basis: byRule.metBy, qualifyingComplaints: byRule.qualifyingComplaintIds.length, thresholdUsed },
    );
  }
}
