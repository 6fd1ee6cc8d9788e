import { CaseTypeDefinition } from '@casetrail/workflow';
import { CPW_CPN_COMMAND_SCHEMAS, CpwCpnCommand } from './cpw-cpn.commands';
import { cpwCpnDecider } from './cpw-cpn.decider';
import { CPW_CPN_EVENT_SCHEMAS, CpwCpnEvent } from './cpw-cpn.events';
import { cpwCpnPolicy } from './cpw-cpn.policy';
import { allowedCommands } from './cpw-cpn.stages';
import { CpwCpnState } from './cpw-cpn.state';
import { summarise } from './cpw-cpn.summary';

export const cpwCpnCaseType: CaseTypeDefinition<CpwCpnCommand, CpwCpnEvent, CpwCpnState> = {
  caseType: 'cpw-cpn',
  decider: cpwCpnDecider,
  commands: CPW_CPN_COMMAND_SCHEMAS,
  events: CPW_CPN_EVENT_SCHEMAS,
  openCommand: 'OpenEscalation',
  // Issuing, deciding and closing act on what the officer saw, so they must not race a change.
  conditionalCommands: [
    'IssueCpw',
    'RecordConductAfterWarning',
    'IssueCpn',
    'RecordAppealOutcome',
    'IssueFpn',
    'StartProsecution',
    'RecordProsecutionOutcome',
    'CloseEscalation',
  ],
  policy: cpwCpnPolicy,
  upcasters: [],
  restrictedByDefault: false,
  allowedCommands,
  summarise,
};
