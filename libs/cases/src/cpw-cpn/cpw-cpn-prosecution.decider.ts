import { AppliedPolicy, DecisionContext, DomainRuleError } from '@casetrail/workflow';
import { findBreach, refuseIfProsecuted } from './cpw-cpn-breach.decider';
import { CommandData } from './cpw-cpn.commands';
import { CpwCpnEvent } from './cpw-cpn.events';
import { policyAt } from './cpw-cpn.policy';
import { refuseDateBefore, refuseFutureDate, today } from './cpw-cpn.refusals';
import { requireStage } from './cpw-cpn.stages';
import { Breach, CpwCpnState, NoticeState, Prosecution } from './cpw-cpn.state';

// --- Prosecution for failing to comply (s48) ----------------------------------------------

export function decideStartProsecution(
  data: CommandData<'StartProsecution'>,
  state: CpwCpnState,
  context: DecisionContext,
): CpwCpnEvent[] {
  requireStage(state, 'StartProsecution');
  const day = today(context);
  const breaches = data.breachNumbers.map((n) => findBreach(state.cpn, n));
  breaches.forEach((breach) => {
    refuseIfProsecuted(breach);
    refuseWhileFixedPenaltyStands(breach, day);
  });
  // A penalty whose period ended unpaid is recorded as such before the case goes to court.
  const unpaid: CpwCpnEvent[] = breaches.flatMap(({ breachNumber, fpn }): CpwCpnEvent[] =>
    fpn?.status === 'issued'
      ? [{ type: 'FpnUnpaid', data: { breachNumber, recordedAt: context.now, payBy: fpn.payBy, basis: 'prosecution-started' } }]
      : [],
  );
  return [
    ...unpaid,
    {
      type: 'ProsecutionStarted',
      data: {
        prosecutionNumber: state.cpn.prosecutions.length + 1,
        startedAt: context.now,
        startedOn: day,
        breachNumbers: data.breachNumbers,
        court: data.court,
      },
    },
  ];
}

/** s52(5): no proceedings during the payment period, and none at all once the penalty is paid. */
function refuseWhileFixedPenaltyStands(breach: Breach, day: string): void {
  const { fpn, breachNumber } = breach;
  if (fpn?.status === 'paid') {
    throw new DomainRuleError(
      'FPN_PAID_NO_PROSECUTION',
      `Breach ${breachNumber} was discharged by paying its fixed penalty (s52(5)(b))`,
      { breachNumber },
    );
  }
  if (fpn && fpn.status === 'issued' && day <= fpn.payBy) {
    throw new DomainRuleError(
      'PROSECUTION_BARRED_DURING_FPN_PERIOD',
      `No proceedings for breach ${breachNumber} before its fixed penalty period ends on ${fpn.payBy} (s52(5)(a))`,
      { breachNumber, payBy: fpn.payBy },
    );
  }
}

export function decideRecordProsecutionOutcome(
  data: CommandData<'RecordProsecutionOutcome'>,
  state: CpwCpnState,
  context: DecisionContext,
): CpwCpnEvent[] {
  requireStage(state, 'RecordProsecutionOutcome');
  const prosecution = pendingProsecution(state, data.prosecutionNumber);
  refuseFutureDate('decidedOn', data.decidedOn, context);
  refuseDateBefore('decidedOn', data.decidedOn, prosecution.startedOn, 'the prosecution started');
  const decided = { prosecutionNumber: prosecution.prosecutionNumber, recordedAt: context.now, decidedOn: data.decidedOn };
  if (data.result !== 'guilty') {
    return [{ type: 'ProsecutionConcluded', data: { ...decided, result: data.result } }];
  }

  const maximum = maximumFinePerCharge(state, prosecution, context);
  if (maximum.pence !== null && data.finePerChargePence > maximum.pence) {
    throw new DomainRuleError(
      'FINE_EXCEEDS_STATUTORY_MAXIMUM',
      `A fine of ${data.finePerChargePence} pence per charge exceeds the maximum of ${maximum.pence} pence (s48)`,
      { finePerChargePence: data.finePerChargePence, maximumPence: maximum.pence },
    );
  }
  const totalFinePence = data.charges * data.finePerChargePence;
  return [
    {
      type: 'ProsecutionConcluded',
      data: {
        ...decided,
        result: 'guilty',
        charges: data.charges,
        finePerChargePence: data.finePerChargePence,
        totalFinePence,
        costsPence: data.costsPence,
        victimSurchargePence: data.victimSurchargePence,
        totalPayablePence: totalFinePence + data.costsPence + data.victimSurchargePence,
        maximumFinePerChargePence: maximum.pence,
        policyApplied: maximum.applied,
      },
    },
  ];
}

function pendingProsecution(state: NoticeState, prosecutionNumber: number): Prosecution {
  const prosecution = state.cpn.prosecutions.find((p) => p.prosecutionNumber === prosecutionNumber);
  if (!prosecution) {
    throw new DomainRuleError('PROSECUTION_NOT_FOUND', `No prosecution ${prosecutionNumber} was started`, {
      prosecutionNumber,
    });
  }
  if (prosecution.result !== 'pending') {
    throw new DomainRuleError(
      'PROSECUTION_ALREADY_CONCLUDED',
      `Prosecution ${prosecutionNumber} has concluded (${prosecution.result})`,
      { prosecutionNumber, result: prosecution.result },
    );
  }
  return prosecution;
}

/**
 * s48(2): level 4 for an individual, a fixed sum (or none) for a body, as in force on the date of
 * each breach charged; where those differ, the lowest binds. null pence means no maximum.
 */
function maximumFinePerCharge(
  state: NoticeState,
  prosecution: Prosecution,
  context: DecisionContext,
): { pence: number | null; applied: AppliedPolicy<number | null>[] } {
  const key = state.recipient.kind === 'individual' ? 'maximumFineIndividual' : 'maximumFineBody';
  const applied = prosecution.breachNumbers.map((n) =>
    policyAt(context.policy, key, { date: findBreach(state.cpn, n).occurredOn }),
  );
  const unique = applied.filter((a, i) => applied.findIndex((b) => b.effectiveFrom === a.effectiveFrom) === i);
  const limits = unique.map((a) => a.value).filter((v): v is number => v !== null);
  return { pence: limits.length > 0 ? Math.min(...limits) : null, applied: unique };
}
