import { Decider, DecisionContext, decideExpireDeadline, DomainRuleError } from '@casetrail/workflow';
import { decideRestrictToNameAndAgencies } from './da-referral-access.decide';
import { decideCloseReferral } from './da-referral-closure.decide';
import { decideRecordContactAttempt } from './da-referral-contact.decide';
import { decideReceiveReferral } from './da-referral-intake.decide';
import { decideAssessRisk } from './da-referral-risk.decide';
import { decideAllocateIdva, decideRouteReferral } from './da-referral-routing.decide';
import { DaReferralCommand } from './da-referral.commands';
import { evolve } from './da-referral.evolve';
import { DaReferralEvent } from './da-referral.events';
import { requireStage } from './da-referral.stages';
import { DaReferralState, initialState } from './da-referral.state';

/**
 * The domestic-abuse referral: received -> risk assessed (SafeLives Dash) -> routed to MARAC
 * (with an IDVA) or to the commissioned support service -> contact -> closed.
 * Each stage group's rules live in its own da-referral-*.decide.ts file.
 */
export function decide(command: DaReferralCommand, state: DaReferralState, context: DecisionContext): DaReferralEvent[] {
  switch (command.type) {
    case 'ReceiveReferral':
      requireStage(state, command.type);
      return decideReceiveReferral(command, context);
    case 'AssessRisk':
      requireStage(state, command.type);
      return decideAssessRisk(command, context);
    case 'RouteReferral':
      return decideRouteReferral(command, requireStage(state, command.type), context);
    case 'AllocateIdva':
      requireStage(state, command.type);
      return decideAllocateIdva(command, context);
    case 'RecordContactAttempt':
      // The IDVA makes the contact in a MARAC case: name a more useful rule than "wrong stage".
      if (state.stage === 'marac-referred') {
        throw new DomainRuleError(
          'DA_IDVA_REQUIRED_BEFORE_CONTACT',
          'A MARAC case needs an IDVA allocated before contact attempts are recorded',
          { stage: state.stage },
        );
      }
      return decideRecordContactAttempt(command, requireStage(state, command.type), context);
    case 'CloseReferral':
      return decideCloseReferral(command, requireStage(state, command.type), context);
    case 'RestrictToNameAndAgencies':
      return decideRestrictToNameAndAgencies(command, requireStage(state, command.type), context);
    case 'ExpireDeadline':
      return decideExpireDeadline(state.deadlines, command, context.now);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const daReferralDecider: Decider<DaReferralCommand, DaReferralEvent, DaReferralState> = {
  initialState,
  decide,
  evolve,
};
