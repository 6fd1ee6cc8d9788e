import { DomainRuleError } from '@casetrail/workflow';
import { CpwCpnCommandType } from './cpw-cpn.commands';
import { CpwCpnState, Stage, StateIn } from './cpw-cpn.state';

/**
 * The one table of which stage allows which command. The decider refuses by it and
 * allowedCommands reads it, so the buttons a user sees and the rules that refuse cannot drift.
 */
const NOTICE_ENFORCEMENT = ['cpn-in-force', 'cpn-under-appeal', 'cpn-expired'] as const;
const ANY_OPEN = [
  'opened',
  'cpw-issued',
  'cpw-lapsed',
  'cpn-in-force',
  'cpn-under-appeal',
  'cpn-quashed',
  'cpn-expired',
] as const;

export const STAGES_ALLOWING = {
  OpenEscalation: ['awaiting-open'],
  RecordRecipientDateOfBirth: ['opened'],
  IssueCpw: ['opened'],
  RecordConductAfterWarning: ['cpw-issued'],
  LapseCpw: ['cpw-issued'],
  IssueCpn: ['cpw-issued'],
  LodgeAppeal: ['cpn-in-force'],
  RecordAppealOutcome: ['cpn-under-appeal'],
  ExpireCpn: ['cpn-in-force', 'cpn-under-appeal'],
  RecordBreach: NOTICE_ENFORCEMENT,
  IssueFpn: NOTICE_ENFORCEMENT,
  RecordFpnPayment: NOTICE_ENFORCEMENT,
  RecordFpnUnpaid: NOTICE_ENFORCEMENT,
  StartProsecution: NOTICE_ENFORCEMENT,
  RecordProsecutionOutcome: NOTICE_ENFORCEMENT,
  // s47: remedial work answers a failure to comply, not a requirement suspended by an appeal.
  RecordRemedialAction: ['cpn-in-force', 'cpn-expired'],
  CloseEscalation: ANY_OPEN,
  ExpireDeadline: ['awaiting-open', ...ANY_OPEN, 'closed'],
} as const satisfies Record<CpwCpnCommandType, readonly Stage[]>;

type StagesAllowing<C extends CpwCpnCommandType> = (typeof STAGES_ALLOWING)[C][number];

export function isAllowedInStage(command: CpwCpnCommandType, stage: Stage): boolean {
  return (STAGES_ALLOWING[command] as readonly Stage[]).includes(stage);
}

/** Refuses a command its stage does not allow; afterwards the state is typed as one of those stages. */
export function requireStage<C extends CpwCpnCommandType>(
  state: CpwCpnState,
  command: C,
): asserts state is StateIn<StagesAllowing<C>> {
  if (!isAllowedInStage(command, state.stage)) {
    throw new DomainRuleError(
      'CPW_CPN_COMMAND_NOT_ALLOWED_IN_STAGE',
      `${command} is not allowed while the escalation is ${state.stage}`,
      { stage: state.stage, command },
    );
  }
}

export function allowedCommands(state: CpwCpnState): CpwCpnCommandType[] {
  return (Object.keys(STAGES_ALLOWING) as CpwCpnCommandType[]).filter((command) => isAllowedInStage(command, state.stage));
}
