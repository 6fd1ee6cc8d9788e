import { CaseSummary, CaseTypeDefinition } from '@casetrail/workflow';
import { COMMUNITY_TRIGGER_COMMAND_SCHEMAS, CommunityTriggerCommand } from './community-trigger.commands';
import { communityTriggerDecider } from './community-trigger.decider';
import { COMMUNITY_TRIGGER_EVENT_SCHEMAS, CommunityTriggerEvent } from './community-trigger.events';
import { communityTriggerPolicy } from './community-trigger.policy';
import { allowedCommandsIn } from './community-trigger.stages';
import { CommunityTriggerState } from './community-trigger.state';

/** What lists and page headers show: dates, counts and outcomes, never a name. */
export function summariseCommunityTrigger(state: CommunityTriggerState): CaseSummary {
  if (state.stage === 'not-received') {
    return {
      stage: state.stage,
      agencies: [],
      restricted: false,
      keyFacts: {
        applicationReceivedOn: null,
        thresholdMet: null,
        basis: null,
        panelDate: null,
        recommendationCount: null,
      },
    };
  }
  const threshold = 'threshold' in state ? state.threshold : null;
  const panelDate =
    state.stage === 'review-panel-scheduled' ? state.panelDate : 'review' in state ? (state.review?.panelDate ?? null) : null;
  const recommendationCount = 'review' in state ? (state.review?.recommendationCount ?? null) : null;
  return {
    stage: state.stage,
    agencies: [...new Set(state.application.complaints.map((c) => c.reportedTo))].sort(),
    restricted: false,
    openedAt: state.application.receivedAt,
    ...(state.stage === 'closed' ? { closedAt: state.closedAt } : {}),
    keyFacts: {
      applicationReceivedOn: state.application.receivedOn,
      thresholdMet: threshold?.met ?? null,
      basis: threshold?.basis ?? null,
      panelDate,
      recommendationCount,
    },
  };
}

export const communityTriggerCaseType: CaseTypeDefinition<
  CommunityTriggerCommand,
  CommunityTriggerEvent,
  CommunityTriggerState
> = {
  caseType: 'community-trigger',
  decider: communityTriggerDecider,
  commands: COMMUNITY_TRIGGER_COMMAND_SCHEMAS,
  events: COMMUNITY_TRIGGER_EVENT_SCHEMAS,
  openCommand: 'ReceiveApplication',
  // Each acts on what the officer saw: the threshold facts, the panel, the appeal window.
  conditionalCommands: [
    'AssessThreshold',
    'RecordPanelOutcome',
    'InformApplicant',
    'RecordPccAppealOutcome',
    'CloseApplication',
  ],
  policy: communityTriggerPolicy,
  upcasters: [],
  restrictedByDefault: false,
  allowedCommands: allowedCommandsIn,
  summarise: summariseCommunityTrigger,
};
