import { CaseTypeDefinition } from '@casetrail/workflow';
import { DA_REFERRAL_COMMAND_SCHEMAS, DaReferralCommand } from './da-referral.commands';
import { daReferralDecider } from './da-referral.decider';
import { DA_REFERRAL_EVENT_SCHEMAS, DaReferralEvent } from './da-referral.events';
import { daReferralPolicy } from './da-referral.policy';
import { allowedCommands } from './da-referral.stages';
import { DaReferralState } from './da-referral.state';
import { summarise } from './da-referral.summary';

export const daReferralCaseType: CaseTypeDefinition<DaReferralCommand, DaReferralEvent, DaReferralState> = {
  caseType: 'da-referral',
  decider: daReferralDecider,
  commands: DA_REFERRAL_COMMAND_SCHEMAS,
  events: DA_REFERRAL_EVENT_SCHEMAS,
  openCommand: 'ReceiveReferral',
  // Each acts on the assessment, routing or contact history the user was looking at.
  conditionalCommands: ['AssessRisk', 'RouteReferral', 'CloseReferral'],
  policy: daReferralPolicy,
  upcasters: [],
  restrictedByDefault: true,
  allowedCommands,
  summarise,
};
