import { DecisionContext, Decider, DomainRuleError, decideExpireDeadline } from '@casetrail/workflow';
import { decideAgreeAbc, decideIssueWarningLetter, decideRecordMultiAgencyMeeting, decideReferToDiversionaryActivity, decideReferToMediation } from './asb-actions.decider';
import { decideIdentifyPerpetrator, decideLogIncident, decideReportAsb } from './asb-intake.decider';
import {
  decideAssignCase,
  decideMarkRestricted,
  decideRecordProgressReview,
  decideRecordRiskAssessment,
  decideStartInvestigation,
} from './asb-management.decider';
import { decideCloseCase, decideEscalateCase, decideReopenCase, decideResolveCase } from './asb-outcome.decider';
import { AsbCommand } from './asb.commands';
import { AsbEvent } from './asb.events';
import { evolveAsb, evolveAsbEvents } from './asb.evolve';
import { allowedAsbCommands } from './asb.stages';
import { AsbState, ReportedAsbState, initialAsbState } from './asb.state';

export const asbDecider: Decider<AsbCommand, AsbEvent, AsbState> = {
  initialState: initialAsbState,
  decide: decideAsb,
  evolve: evolveAsb,
  evolveAll: evolveAsbEvents,
};

function decideAsb(command: AsbCommand, state: AsbState, context: DecisionContext): AsbEvent[] {
  if (!allowedAsbCommands(state).includes(command.type)) throw notAllowedInStage(state, command);
  switch (command.type) {
    case 'ReportAsb':
      return decideReportAsb(command.data, context);
    case 'ExpireDeadline':
      return decideExpireDeadline(state.deadlines, command, context.now);
    default:
      return decideOnReportedCase(command, reported(state, command), context);
  }
}

type ReportedCaseCommand = Exclude<AsbCommand, { type: 'ReportAsb' | 'ExpireDeadline' }>;

function decideOnReportedCase(command: ReportedCaseCommand, state: ReportedAsbState, context: DecisionContext): AsbEvent[] {
  switch (command.type) {
    case 'LogIncident':
      return decideLogIncident(command.data, state, context);
    case 'IdentifyPerpetrator':
      return decideIdentifyPerpetrator(command.data, state, context);
    case 'RecordRiskAssessment':
      return decideRecordRiskAssessment(command.data, state, context);
    case 'AssignCase':
      return decideAssignCase(command.data, state, context);
    case 'StartInvestigation':
      return decideStartInvestigation(state, context);
    case 'RecordProgressReview':
      return decideRecordProgressReview(command.data, state, context);
    case 'MarkRestricted':
      return decideMarkRestricted(command.data, state, context);
    case 'IssueWarningLetter':
      return decideIssueWarningLetter(command.data, state, context);
    case 'AgreeAbc':
      return decideAgreeAbc(command.data, state, context);
    case 'ReferToMediation':
      return decideReferToMediation(command.data, state, context);
    case 'ReferToDiversionaryActivity':
      return decideReferToDiversionaryActivity(command.data, state, context);
    case 'RecordMultiAgencyMeeting':
      return decideRecordMultiAgencyMeeting(command.data, context);
    case 'EscalateCase':
      return decideEscalateCase(command.data, state, context);
    case 'ResolveCase':
      return decideResolveCase(command.data, state, context);
    case 'CloseCase':
      return decideCloseCase(command.data, context);
    case 'ReopenCase':
      return decideReopenCase(command.data, state, context);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

/** The stage table already refuses these; this narrows the state for the compiler. */
function reported(state: AsbState, command: AsbCommand): ReportedAsbState {
  if (state.stage === 'not-reported') throw notAllowedInStage(state, command);
  return state;
}

function notAllowedInStage(state: AsbState, command: AsbCommand): DomainRuleError {
  return new DomainRuleError(
    'ASB_COMMAND_NOT_ALLOWED_IN_STAGE',
    `${command.type} is not allowed while the ASB case is ${state.stage}`,
    { stage: state.stage, command: command.type },
  );
}
