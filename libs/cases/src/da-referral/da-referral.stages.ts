import { DomainRuleError } from '@casetrail/workflow';
import { DaReferralCommandType } from './da-referral.commands';
import { DaReferralStage, DaReferralState, StateIn } from './da-referral.state';

const OPEN = ['received', 'assessed', 'marac-referred', 'contact'] as const;

/**
 * The stages in which each command may be sent. One table serves both the decider's refusals
 * and the API's list of allowed commands, so the two cannot disagree.
 */
export const COMMAND_STAGES = {
  ReceiveReferral: ['new'],
  AssessRisk: ['received'],
  RouteReferral: ['assessed'],
  AllocateIdva: ['marac-referred'],
  RecordContactAttempt: ['contact'],
  CloseReferral: OPEN,
  RestrictToNameAndAgencies: [...OPEN, 'closed'],
  // The scheduler may fire late, after a closure; decideExpireDeadline ignores what is not open.
  ExpireDeadline: ['new', ...OPEN, 'closed'],
} as const satisfies Record<DaReferralCommandType, readonly DaReferralStage[]>;

export function isInStage<S extends DaReferralStage>(
  state: DaReferralState,
  stages: readonly S[],
): state is StateIn<S> {
  return (stages as readonly DaReferralStage[]).includes(state.stage);
}

export function requireStage<T extends DaReferralCommandType>(
  state: DaReferralState,
  command: T,
): StateIn<(typeof COMMAND_STAGES)[T][number]> {
  const stages: readonly (typeof COMMAND_STAGES)[T][number][] = COMMAND_STAGES[command];
  if (isInStage(state, stages)) return state;
  throw new DomainRuleError(
    'DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE',
    `${command} is not allowed while the referral is ${state.stage}`,
    { stage: state.stage, command },
  );
}

export function allowedCommands(state: DaReferralState): DaReferralCommandType[] {
  return (Object.keys(COMMAND_STAGES) as DaReferralCommandType[]).filter((command) =>
    (COMMAND_STAGES[command] as readonly DaReferralStage[]).includes(state.stage),
  );
}
