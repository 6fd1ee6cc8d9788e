import { DomainRuleError } from '@casetrail/workflow';
import { CommunityTriggerCommandType } from './community-trigger.commands';
import { COMMUNITY_TRIGGER_STAGES, CommunityTriggerStage, CommunityTriggerState, StateIn } from './community-trigger.state';

const OPEN_STAGES = COMMUNITY_TRIGGER_STAGES.filter(
  (stage): stage is Exclude<CommunityTriggerStage, 'not-received' | 'closed'> =>
    stage !== 'not-received' && stage !== 'closed',
);

/**
 * Which stages each command may act in. One table, read both by `decide` (to refuse) and by
 * `allowedCommands` (to offer), so the API never offers what the decider would refuse by stage.
 */
export const COMMAND_STAGES = {
  ReceiveApplication: ['not-received'],
  AcknowledgeApplication: OPEN_STAGES,
  AssessThreshold: ['awaiting-threshold-decision'],
  ScheduleReviewPanel: ['awaiting-review-panel', 'review-panel-scheduled'],
  RecordPanelOutcome: ['review-panel-scheduled'],
  InformApplicant: ['threshold-not-met', 'review-completed'],
  // Sch 4 para 3: dissatisfaction with how the application was dealt with, not only with a review.
  LodgePccAppeal: ['applicant-informed'],
  RecordPccAppealOutcome: ['pcc-appeal-lodged'],
  CloseApplication: ['applicant-informed', 'pcc-appeal-decided'],
  ExpireDeadline: COMMUNITY_TRIGGER_STAGES,
} as const satisfies Record<CommunityTriggerCommandType, readonly CommunityTriggerStage[]>;

export function isInStage<S extends CommunityTriggerStage>(
  state: CommunityTriggerState,
  stages: readonly S[],
): state is StateIn<S> {
  return (stages as readonly CommunityTriggerStage[]).includes(state.stage);
}

/** The state, narrowed to the stages `command` may act in, or CT_COMMAND_NOT_ALLOWED_IN_STAGE. */
export function requireStage<S extends CommunityTriggerStage>(
  state: CommunityTriggerState,
  command: CommunityTriggerCommandType,
  stages: readonly S[],
): StateIn<S> {
  if (isInStage(state, stages)) return state;
  throw new DomainRuleError(
    'CT_COMMAND_NOT_ALLOWED_IN_STAGE',
    `${command} is not allowed while the application is ${state.stage}`,
    { stage: state.stage, command },
  );
}

export function allowedCommandsIn(state: CommunityTriggerState): CommunityTriggerCommandType[] {
  return (Object.keys(COMMAND_STAGES) as CommunityTriggerCommandType[]).filter((command) => {
    if (!isInStage(state, COMMAND_STAGES[command])) return false;
    // Acknowledging again changes nothing, so it is not offered.
    if (command === 'AcknowledgeApplication') return 'application' in state && state.application.acknowledgedAt === null;
    return true;
  });
}
