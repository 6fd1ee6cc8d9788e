import { evolveDeadlines, isDeadlineEvent } from '@casetrail/workflow';
import { CommunityTriggerEvent } from './community-trigger.events';
import { isInStage } from './community-trigger.stages';
import { CommunityTriggerStage, CommunityTriggerState, StateIn } from './community-trigger.state';

/**
 * Folds one event. `decide` only emits events their stage allows, so an event out of place means
 * a damaged or mis-upcast stream: replay stops loudly rather than show a history that never was.
 */
export function evolveCommunityTrigger(state: CommunityTriggerState, event: CommunityTriggerEvent): CommunityTriggerState {
  if (isDeadlineEvent(event)) return { ...state, deadlines: evolveDeadlines(state.deadlines, event) };
  switch (event.type) {
    case 'ApplicationReceived': {
      const from = expectStage(state, event.type, ['not-received']);
      const { receivedAt, receivedOn, complaints } = event.data;
      return {
        stage: 'awaiting-threshold-decision',
        deadlines: from.deadlines,
        application: { receivedAt, receivedOn, complaints, acknowledgedAt: null },
      };
    }
    case 'ApplicationAcknowledged': {
      if (state.stage === 'not-received' || state.stage === 'closed') throw outOfPlace(state, event.type);
      return { ...state, application: { ...state.application, acknowledgedAt: event.data.acknowledgedAt } };
    }
    case 'ThresholdAssessed': {
      const from = expectStage(state, event.type, ['awaiting-threshold-decision']);
      const { met, basis, decidedOn, thresholdUsed, qualifyingComplaintIds, reviewPanelBy } = event.data;
      const threshold = { met, basis, decidedOn, thresholdUsed, qualifyingComplaints: qualifyingComplaintIds.length };
      if (!met) return { ...from, stage: 'threshold-not-met', threshold };
      if (reviewPanelBy === undefined) throw new Error('ThresholdAssessed met the threshold without a reviewPanelBy date');
      return { ...from, stage: 'awaiting-review-panel', threshold, reviewPanelBy };
    }
    case 'ReviewPanelScheduled': {
      const from = expectStage(state, event.type, ['awaiting-review-panel', 'review-panel-scheduled']);
      const { deadlines, application, threshold } = from;
      const { panelDate, reviewPanelBy } = event.data;
      return { stage: 'review-panel-scheduled', deadlines, application, threshold, reviewPanelBy, panelDate };
    }
    case 'PanelOutcomeRecorded': {
      const { deadlines, application, threshold } = expectStage(state, event.type, ['review-panel-scheduled']);
      const review = { panelDate: event.data.panelDate, recommendationCount: event.data.recommendations.length };
      return { stage: 'review-completed', deadlines, application, threshold, review };
    }
    case 'ApplicantInformed': {
      const from = expectStage(state, event.type, ['threshold-not-met', 'review-completed']);
      const { outcome, informedOn, pccAppealBy } = event.data;
      const review = from.stage === 'review-completed' ? from.review : null;
      const { deadlines, application, threshold } = from;
      return { stage: 'applicant-informed', deadlines, application, threshold, outcome, review, informedOn, pccAppealBy };
    }
    case 'PccAppealLodged': {
      const from = expectStage(state, event.type, ['applicant-informed']);
      return { ...from, stage: 'pcc-appeal-lodged', appealLodgedOn: event.data.lodgedOn };
    }
    case 'PccAppealOutcomeRecorded': {
      const from = expectStage(state, event.type, ['pcc-appeal-lodged']);
      return { ...from, stage: 'pcc-appeal-decided', appealOutcome: event.data.outcome };
    }
    case 'ApplicationClosed': {
      const from = expectStage(state, event.type, ['applicant-informed', 'pcc-appeal-decided']);
      const { deadlines, application, threshold, outcome, review } = from;
      const appealOutcome = from.stage === 'pcc-appeal-decided' ? from.appealOutcome : null;
      return {
        stage: 'closed',
        deadlines,
        application,
        threshold,
        outcome,
        review,
        appealOutcome,
        closedAt: event.data.closedAt,
      };
    }
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function expectStage<S extends CommunityTriggerStage>(
  state: CommunityTriggerState,
  eventType: CommunityTriggerEvent['type'],
  stages: readonly S[],
): StateIn<S> {
  if (isInStage(state, stages)) return state;
  throw outOfPlace(state, eventType);
}

function outOfPlace(state: CommunityTriggerState, eventType: string): Error {
  return new Error(`${eventType} cannot follow a community-trigger application in stage ${state.stage}`);
}
