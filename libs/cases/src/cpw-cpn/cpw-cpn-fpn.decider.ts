import { addDays, DecisionContext, deadlineId, DomainRuleError, endOfLondonDay, meetDeadline, scheduleDeadline } from '@casetrail/workflow';
import { findBreach, refuseIfProsecuted } from './cpw-cpn-breach.decider';
import { CommandData } from './cpw-cpn.commands';
import { CpwCpnEvent } from './cpw-cpn.events';
import { policyAt } from './cpw-cpn.policy';
import { refuseDateBefore, refuseFutureDate, today } from './cpw-cpn.refusals';
import { requireStage } from './cpw-cpn.stages';
import { Breach, CpwCpnState, Fpn } from './cpw-cpn.state';

// --- Fixed penalty notice (s52) -----------------------------------------------------------

export function decideIssueFpn(data: CommandData<'IssueFpn'>, state: CpwCpnState, context: DecisionContext): CpwCpnEvent[] {
  requireStage(state, 'IssueFpn');
  const breach = findBreach(state.cpn, data.breachNumber);
  if (breach.fpn) {
    throw new DomainRuleError('FPN_ALREADY_ISSUED', `A fixed penalty notice was issued for breach ${breach.breachNumber}`, {
      breachNumber: breach.breachNumber,
      issuedOn: breach.fpn.issuedOn,
    });
  }
  refuseIfProsecuted(breach);

  const issuedOn = today(context);
  // The penalty is the one in force when the offence was committed, never a later, higher one.
  const amount = policyAt(context.policy, 'fpnAmount', { date: breach.occurredOn });
  const paymentDays = policyAt(context.policy, 'fpnPaymentDays', { instant: context.now });
  const early = policyAt(context.policy, 'fpnEarlyPayment', { instant: context.now });
  // s52(5): the period is the days following the date of the notice, so day 1 is the day after.
  const payBy = addDays(issuedOn, paymentDays.value);
  const paymentDeadlineId = deadlineId(context.caseId, 'FPN_PAYMENT_PERIOD', breach.breachNumber);
  return [
    {
      type: 'FpnIssued',
      data: {
        breachNumber: breach.breachNumber,
        issuedAt: context.now,
        issuedOn,
        issuer: data.issuer,
        amountPence: amount.value,
        earlyPayment: early.value && {
          amountPence: early.value.amount,
          payBy: addDays(issuedOn, early.value.withinDays),
        },
        payBy,
        paymentDeadlineId,
        policyApplied: [amount, paymentDays, early],
      },
    },
    scheduleDeadline(paymentDeadlineId, 'FPN_PAYMENT_PERIOD', endOfLondonDay(payBy), {
      [paymentDays.key]: paymentDays.value,
    }),
  ];
}

/** The breach's fixed penalty notice, or a refusal. */
function issuedFpn(breach: Breach): Fpn {
  if (!breach.fpn) {
    throw new DomainRuleError('FPN_NOT_ISSUED', `No fixed penalty notice was issued for breach ${breach.breachNumber}`, {
      breachNumber: breach.breachNumber,
    });
  }
  if (breach.fpn.status === 'paid') {
    throw new DomainRuleError('FPN_ALREADY_PAID', `The fixed penalty for breach ${breach.breachNumber} is paid`, {
      breachNumber: breach.breachNumber,
    });
  }
  return breach.fpn;
}

export function decideRecordFpnPayment(
  data: CommandData<'RecordFpnPayment'>,
  state: CpwCpnState,
  context: DecisionContext,
): CpwCpnEvent[] {
  requireStage(state, 'RecordFpnPayment');
  const breach = findBreach(state.cpn, data.breachNumber);
  const fpn = issuedFpn(breach);
  refuseIfProsecuted(breach);
  refuseFutureDate('paidOn', data.paidOn, context);
  refuseDateBefore('paidOn', data.paidOn, fpn.issuedOn, 'the notice was issued');
  // s52(5)(b): payment discharges liability only if made before the end of the period.
  if (data.paidOn > fpn.payBy) {
    throw new DomainRuleError(
      'FPN_PAID_AFTER_PAYMENT_PERIOD',
      `The fixed penalty had to be paid by ${fpn.payBy}; a later payment does not discharge liability`,
      { paidOn: data.paidOn, payBy: fpn.payBy },
    );
  }
  const discounted = fpn.earlyPayment !== null && data.paidOn <= fpn.earlyPayment.payBy;
  const duePence = discounted && fpn.earlyPayment ? fpn.earlyPayment.amountPence : fpn.amountPence;
  if (data.amountPence !== duePence) {
    throw new DomainRuleError(
      'FPN_PAYMENT_WRONG_AMOUNT',
      `${data.amountPence} pence paid on ${data.paidOn}; ${duePence} pence was due that day`,
      { paidPence: data.amountPence, duePence, paidOn: data.paidOn },
    );
  }
  return [
    {
      type: 'FpnPaid',
      data: {
        breachNumber: breach.breachNumber,
        recordedAt: context.now,
        paidOn: data.paidOn,
        amountPence: data.amountPence,
        earlyPaymentDiscount: discounted,
      },
    },
    ...meetDeadline(state.deadlines, fpn.paymentDeadlineId, context.now),
  ];
}

export function decideRecordFpnUnpaid(
  data: CommandData<'RecordFpnUnpaid'>,
  state: CpwCpnState,
  context: DecisionContext,
): CpwCpnEvent[] {
  requireStage(state, 'RecordFpnUnpaid');
  const breach = findBreach(state.cpn, data.breachNumber);
  const fpn = issuedFpn(breach);
  // Already known to be unpaid: saying so again changes nothing.
  if (fpn.status === 'unpaid') return [];
  const day = today(context);
  if (day <= fpn.payBy) {
    throw new DomainRuleError('FPN_PAYMENT_PERIOD_NOT_ENDED', `The fixed penalty may be paid until ${fpn.payBy}`, {
      payBy: fpn.payBy,
      today: day,
    });
  }
  return [
    {
      type: 'FpnUnpaid',
      data: { breachNumber: breach.breachNumber, recordedAt: context.now, payBy: fpn.payBy, basis: 'recorded-by-officer' },
    },
  ];
}

/**
 * The payment period's deadline firing is how the system learns that a penalty went unpaid, so
 * its DeadlineMissed is followed by FpnUnpaid for the breach it served.
 */
export function fpnUnpaidOnMissedDeadlines(state: CpwCpnState, missedDeadlineIds: string[], now: string): CpwCpnEvent[] {
  if (!('cpn' in state) || state.cpn === null) return [];
  return state.cpn.breaches.flatMap(({ breachNumber, fpn }): CpwCpnEvent[] =>
    fpn?.status === 'issued' && missedDeadlineIds.includes(fpn.paymentDeadlineId)
      ? [{ type: 'FpnUnpaid', data: { breachNumber, recordedAt: now, payBy: fpn.payBy, basis: 'payment-period-missed' } }]
      : [],
  );
}
