import { CaseTypeDefinition } from '@casetrail/workflow';
import { ASB_COMMAND_SCHEMAS, AsbCommand } from './asb.commands';
import { asbDecider } from './asb.decider';
import { ASB_EVENT_SCHEMAS, AsbEvent } from './asb.events';
import { asbPolicy } from './asb.policy';
import { allowedAsbCommands } from './asb.stages';
import { AsbState } from './asb.state';
import { summariseAsb } from './asb.summary';
import { ASB_UPCASTERS } from './asb.upcasters';

export const asbCaseType: CaseTypeDefinition<AsbCommand, AsbEvent, AsbState> = {
  caseType: 'asb',
  decider: asbDecider,
  commands: ASB_COMMAND_SCHEMAS,
  events: ASB_EVENT_SCHEMAS,
  openCommand: 'ReportAsb',
  // Decisions taken on what the officer saw: a stale view must not close, escalate or issue.
  conditionalCommands: [
    'RecordRiskAssessment',
    'IssueWarningLetter',
    'AgreeAbc',
    'EscalateCase',
    'ResolveCase',
    'CloseCase',
    'ReopenCase',
    'MarkRestricted',
  ],
  policy: asbPolicy,
  upcasters: ASB_UPCASTERS,
  restrictedByDefault: false,
  allowedCommands: allowedAsbCommands,
  summarise: summariseAsb,
};
