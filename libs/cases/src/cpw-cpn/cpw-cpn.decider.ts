import { cancelOpenDeadlines, DecisionContext, Decider, decideExpireDeadline, DomainRuleError } from '@casetrail/workflow';
import { decideRecordBreach, decideRecordRemedialAction } from './cpw-cpn-breach.decider';
import { decideIssueFpn, decideRecordFpnPayment, decideRecordFpnUnpaid, fpnUnpaidOnMissedDeadlines } from './cpw-cpn-fpn.decider';
import { cpnHasRunOut, decideExpireCpn, decideIssueCpn, decideLodgeAppeal, decideRecordAppealOutcome } from './cpw-cpn-notice.decider';
import { decideRecordProsecutionOutcome, decideStartProsecution } from './cpw-cpn-prosecution.decider';
import {
  decideIssueCpw,
  decideLapseCpw,
  decideOpenEscalation,
  decideRecordConductAfterWarning,
  decideRecordRecipientDateOfBirth,
} from './cpw-cpn-warning.decider';
import { CommandData, CpwCpnCommand } from './cpw-cpn.commands';
import { CpwCpnEvent } from './cpw-cpn.events';
import { evolve } from './cpw-cpn.evolve';
import { today } from './cpw-cpn.refusals';
import { requireStage } from './cpw-cpn.stages';
import { CpwCpnState, initialState } from './cpw-cpn.state';

/**
 * The CPW -> CPN escalation (Anti-social Behaviour, Crime and Policing Act 2014, ss43-58) as a
 * pure decider. Each stage group's rules live in its own file; this one routes and closes.
 */
function decide(command: CpwCpnCommand, state: CpwCpnState, context: DecisionContext): CpwCpnEvent[] {
  switch (command.type) {
    case 'OpenEscalation':
      return decideOpenEscalation(command.data, state, context);
    case 'RecordRecipientDateOfBirth':
      return decideRecordRecipientDateOfBirth(command.data, state, context);
    case 'IssueCpw':
      return decideIssueCpw(command.data, state, context);
    case 'RecordConductAfterWarning':
      return decideRecordConductAfterWarning(command.data, state, context);
    case 'LapseCpw':
      return decideLapseCpw(state, context);
    case 'IssueCpn':
      return decideIssueCpn(command.data, state, context);
    case 'LodgeAppeal':
      return decideLodgeAppeal(command.data, state, context);
    case 'RecordAppealOutcome':
      return decideRecordAppealOutcome(command.data, state, context);
    case 'ExpireCpn':
      return decideExpireCpn(state, context);
    case 'RecordBreach':
      return decideRecordBreach(command.data, state, context);
    case 'IssueFpn':
      return decideIssueFpn(command.data, state, context);
    case 'RecordFpnPayment':
      return decideRecordFpnPayment(command.data, state, context);
    case 'RecordFpnUnpaid':
      return decideRecordFpnUnpaid(command.data, state, context);
    case 'StartProsecution':
      return decideStartProsecution(command.data, state, context);
    case 'RecordProsecutionOutcome':
      return decideRecordProsecutionOutcome(command.data, state, context);
    case 'RecordRemedialAction':
      return decideRecordRemedialAction(command.data, state, context);
    case 'CloseEscalation':
      return decideCloseEscalation(command.data, state, context);
    case 'ExpireDeadline': {
      const missed = decideExpireDeadline(state.deadlines, command, context.now);
      if (missed.some((e) => e.type === 'DeadlineMissed' && e.data.rule === 'CPN_EXPIRY') && cpnHasRunOut(state, context)) {
        return decideExpireCpn(state, context); // the notice's end is the deadline's purpose, not a miss
      }
      const missedIds = missed.flatMap((e) => (e.type === 'DeadlineMissed' ? [e.data.deadlineId] : []));
      return [...missed, ...fpnUnpaidOnMissedDeadlines(state, missedIds, context.now)];
    }
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

function decideCloseEscalation(data: CommandData<'CloseEscalation'>, state: CpwCpnState, context: DecisionContext): CpwCpnEvent[] {
  requireStage(state, 'CloseEscalation');
  refusePendingEnforcement(state, today(context));
  return [
    {
      type: 'EscalationClosed',
      data: { closedAt: context.now, outcome: data.outcome, ...(data.note !== undefined ? { note: data.note } : {}) },
    },
    ...cancelOpenDeadlines(state.deadlines, 'escalation closed'),
  ];
}

/**
 * A case with a penalty still payable or a prosecution awaiting its outcome is not finished.
 * Quashing ends the notice, and with it any enforcement of it.
 */
function refusePendingEnforcement(state: CpwCpnState, day: string): void {
  if (!('cpn' in state) || state.cpn === null || state.stage === 'cpn-quashed') return;
  const payable = state.cpn.breaches.find((b) => b.fpn?.status === 'issued' && day <= b.fpn.payBy);
  const pending = state.cpn.prosecutions.find((p) => p.result === 'pending');
  if (payable || pending) {
    throw new DomainRuleError(
      'ESCALATION_HAS_PENDING_ENFORCEMENT',
      'A fixed penalty is still payable or a prosecution awaits its outcome',
      {
        ...(payable ? { breachNumber: payable.breachNumber } : {}),
        ...(pending ? { prosecutionNumber: pending.prosecutionNumber } : {}),
      },
    );
  }
}

export const cpwCpnDecider: Decider<CpwCpnCommand, CpwCpnEvent, CpwCpnState> = { initialState, decide, evolve };
