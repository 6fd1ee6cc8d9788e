import { DecisionContext, DomainRuleError, londonDate, meetDeadline } from '@casetrail/workflow';
import { RecordPanelOutcome, ScheduleReviewPanel } from './community-trigger.commands';
import { COMMUNITY_TRIGGER_DEADLINES, communityTriggerDeadlineId } from './community-trigger.deadlines';
import { CommunityTriggerEvent } from './community-trigger.events';
import { AwaitingReviewPanel, ReviewPanelScheduled } from './community-trigger.state';

// --- ScheduleReviewPanel --------------------------------------------------------------------

/** Sets, or moves, the panel date; it must fall within the local timescale from the decision. */
export function scheduleReviewPanel(
  command: ScheduleReviewPanel,
  state: AwaitingReviewPanel | ReviewPanelScheduled,
  context: DecisionContext,
): CommunityTriggerEvent[] {
  const { panelDate } = command.data;
  const { reviewPanelBy } = state;
  const decidedOn = state.threshold.decidedOn;
  if (panelDate < decidedOn) {
    throw new DomainRuleError(
      'CT_PANEL_BEFORE_THRESHOLD_DECISION',
      'The review panel cannot sit before the threshold was decided',
      { panelDate, decidedOn },
    );
  }
  if (panelDate > reviewPanelBy) {
    throw new DomainRuleError(
      'CT_PANEL_OUT_OF_TIME',
      `The review panel must sit by ${reviewPanelBy}, within the local timescale from the threshold decision`,
      { panelDate, reviewPanelBy },
    );
  }
  if (state.stage === 'review-panel-scheduled' && state.panelDate === panelDate) return [];
  return [
    {
      type: 'ReviewPanelScheduled',
      data: {
        scheduledAt: context.now,
        panelDate,
        reviewPanelBy,
        ...(state.stage === 'review-panel-scheduled' ? { previousPanelDate: state.panelDate } : {}),
      },
    },
  ];
}

// --- RecordPanelOutcome ---------------------------------------------------------------------

/** The review carried out; an empty list of recommendations is a review that led to none. */
export function recordPanelOutcome(
  command: RecordPanelOutcome,
  state: ReviewPanelScheduled,
  context: DecisionContext,
): CommunityTriggerEvent[] {
  const today = londonDate(context.now);
  if (today < state.panelDate) {
    throw new DomainRuleError(
      'CT_PANEL_OUTCOME_BEFORE_PANEL',
      `The panel sits on ${state.panelDate}; its outcome cannot be recorded before then`,
      { panelDate: state.panelDate, today },
    );
  }
  const { recommendations, summary } = command.data;
  const duplicate = recommendations.find(
    (r, index) => recommendations.findIndex((other) => other.recommendationId === r.recommendationId) !== index,
  );
  if (duplicate) {
    throw new DomainRuleError(
      'CT_DUPLICATE_RECOMMENDATION',
      `Recommendation ${duplicate.recommendationId} is listed more than once`,
      { recommendationId: duplicate.recommendationId },
    );
  }
  return [
    {
      type: 'PanelOutcomeRecorded',
      data: { recordedAt: context.now, panelDate: state.panelDate, recommendations, summary },
    },
    ...meetDeadline(
      state.deadlines,
      communityTriggerDeadlineId(context, COMMUNITY_TRIGGER_DEADLINES.reviewPanel),
      context.now,
    ),
  ];
}
