import { AsbCommandType } from './asb.commands';
import { AsbState } from './asb.state';

/**
 * Which commands each stage allows: the decider refuses the rest, and the API offers only these.
 * One table, so the two can never disagree.
 */

/** Allowed in every stage from reported to resolved: a case that is open keeps collecting facts. */
const WHILE_OPEN: AsbCommandType[] = [
  'LogIncident',
  'IdentifyPerpetrator',
  'RecordRiskAssessment',
  'AssignCase',
  'MarkRestricted',
  'ExpireDeadline',
];

const INVESTIGATION_ACTIONS: AsbCommandType[] = [
  'IssueWarningLetter',
  'AgreeAbc',
  'ReferToMediation',
  'ReferToDiversionaryActivity',
  'RecordMultiAgencyMeeting',
];

export function allowedAsbCommands(state: AsbState): AsbCommandType[] {
  switch (state.stage) {
    case 'not-reported':
      return ['ReportAsb', 'ExpireDeadline'];
    case 'reported':
      return WHILE_OPEN;
    case 'triaged':
      return [...WHILE_OPEN, 'StartInvestigation'];
    case 'investigating':
      return [...WHILE_OPEN, ...INVESTIGATION_ACTIONS, 'RecordProgressReview', 'EscalateCase', 'ResolveCase'];
    case 'escalated':
      // A further route stays open: a breached CPN can lead on to an injunction.
      return [...WHILE_OPEN, 'RecordProgressReview', 'EscalateCase', 'ResolveCase'];
    case 'resolved':
      return [...WHILE_OPEN, 'CloseCase'];
    case 'closed':
      return ['ReopenCase', 'MarkRestricted', 'ExpireDeadline'];
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
