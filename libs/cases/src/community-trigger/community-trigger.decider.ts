import { Decider, DecisionContext, decideExpireDeadline } from '@casetrail/workflow';
import { CommunityTriggerCommand } from './community-trigger.commands';
import { CommunityTriggerEvent } from './community-trigger.events';
import { evolveCommunityTrigger } from './community-trigger.evolve';
import { COMMAND_STAGES, requireStage } from './community-trigger.stages';
import { CommunityTriggerState, initialCommunityTriggerState } from './community-trigger.state';
import { acknowledgeApplication, receiveApplication } from './community-trigger-intake.decider';
import { closeApplication, informApplicant, lodgePccAppeal, recordPccAppealOutcome } from './community-trigger-outcome.decider';
import { recordPanelOutcome, scheduleReviewPanel } from './community-trigger-review.decider';
import { assessThreshold } from './community-trigger-threshold.decider';

/**
 * The Community Trigger (ASB Case Review) application, Anti-social Behaviour, Crime and Policing
 * Act 2014 s104 and Schedule 4: received -> threshold assessed -> (review panel -> outcome) ->
 * applicant informed -> optional appeal to the Police and Crime Commissioner -> closed.
 */
function decideCommunityTrigger(
  command: CommunityTriggerCommand,
  state: CommunityTriggerState,
  context: DecisionContext,
): CommunityTriggerEvent[] {
  switch (command.type) {
    case 'ReceiveApplication':
      return receiveApplication(command, requireStage(state, command.type, COMMAND_STAGES.ReceiveApplication), context);
    case 'AcknowledgeApplication':
      return acknowledgeApplication(
        command,
        requireStage(state, command.type, COMMAND_STAGES.AcknowledgeApplication),
        context,
      );
    case 'AssessThreshold':
      return assessThreshold(command, requireStage(state, command.type, COMMAND_STAGES.AssessThreshold), context);
    case 'ScheduleReviewPanel':
      return scheduleReviewPanel(command, requireStage(state, command.type, COMMAND_STAGES.ScheduleReviewPanel), context);
    case 'RecordPanelOutcome':
      return recordPanelOutcome(command, requireStage(state, command.type, COMMAND_STAGES.RecordPanelOutcome), context);
    case 'InformApplicant':
      return informApplicant(command, requireStage(state, command.type, COMMAND_STAGES.InformApplicant), context);
    case 'LodgePccAppeal':
      return lodgePccAppeal(command, requireStage(state, command.type, COMMAND_STAGES.LodgePccAppeal), context);
    case 'RecordPccAppealOutcome':
      return recordPccAppealOutcome(
        command,
        requireStage(state, command.type, COMMAND_STAGES.RecordPccAppealOutcome),
        context,
      );
    case 'CloseApplication':
      return closeApplication(command, requireStage(state, command.type, COMMAND_STAGES.CloseApplication), context);
    case 'ExpireDeadline':
      return decideExpireDeadline(state.deadlines, command, context.now);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const communityTriggerDecider: Decider<CommunityTriggerCommand, CommunityTriggerEvent, CommunityTriggerState> = {
  initialState: initialCommunityTriggerState,
  decide: decideCommunityTrigger,
  evolve: evolveCommunityTrigger,
};
