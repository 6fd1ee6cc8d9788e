import {
  addDays,
  addMonths,
  cancelOpenDeadlines,
  DecisionContext,
  deadlineId,
  DomainRuleError,
  endOfLondonDay,
  meetDeadline,
  scheduleDeadline,
} from '@casetrail/workflow';
import { CommandData } from './cpw-cpn.commands';
import { CpwCpnEvent } from './cpw-cpn.events';
import { policyAt } from './cpw-cpn.policy';
import { refuseDateBefore, refuseFutureDate, today } from './cpw-cpn.refusals';
import { requireStage } from './cpw-cpn.stages';
import { CpwCpnState } from './cpw-cpn.state';

// --- Community Protection Notice (s43(5), s43(6)) -----------------------------------------

export function decideIssueCpn(data: CommandData<'IssueCpn'>, state: CpwCpnState, context: DecisionContext): CpwCpnEvent[] {
  refuseCpnOutsideWarningStage(state);
  requireStage(state, 'IssueCpn');
  const issuedOn = today(context);
  const { cpw } = state;
  if (issuedOn <= cpw.complyBy) {
    throw new DomainRuleError(
      'CPN_REQUIRES_EXPIRED_CPW',
      `A notice may follow only once the warning's time to comply has passed (${cpw.complyBy})`,
      { complyBy: cpw.complyBy, today: issuedOn },
    );
  }
  if (issuedOn > cpw.inForceUntil) {
    throw new DomainRuleError('CPW_LAPSED', `The warning lapsed after ${cpw.inForceUntil}: a new warning is needed`, {
      inForceUntil: cpw.inForceUntil,
    });
  }
  if (cpw.conduct !== 'continued') {
    throw new DomainRuleError(
      'CPN_REQUIRES_CONTINUED_CONDUCT',
      'A notice needs a review after the warning finding that the conduct continued (s43(5)(b))',
      { conduct: cpw.conduct },
    );
  }
  const requirements = data.requirementIds.map((requirementId) => {
    const requirement = cpw.requirements.find((r) => r.requirementId === requirementId);
    if (!requirement) {
      throw new DomainRuleError(
        'CPN_REQUIREMENT_NOT_IN_WARNING',
        `Requirement ${requirementId} was not in the warning: a notice may only repeat the warning's requirements`,
        { requirementId },
      );
    }
    return requirement;
  });
  refuseUninformedBodies(data.appropriateBodiesInformed, issuedOn);

  const appealDays = policyAt(context.policy, 'appealDays', { instant: context.now });
  const duration = policyAt(context.policy, 'cpnDurationMonths', { instant: context.now });
  // s46(2): the 21 days begin with the day of issue, so the issue day is day 1.
  const appealDeadline = addDays(issuedOn, appealDays.value - 1);
  const inForceUntil = addDays(addMonths(issuedOn, duration.value), -1);
  return [
    {
      type: 'CpnIssued',
      data: {
        issuedAt: context.now,
        issuedOn,
        issuer: data.issuer,
        requirements,
        appropriateBodiesInformed: data.appropriateBodiesInformed,
        appealDeadline,
        inForceUntil,
        policyApplied: [appealDays, duration],
      },
    },
    scheduleDeadline(deadlineId(context.caseId, 'CPN_APPEAL_WINDOW'), 'CPN_APPEAL_WINDOW', endOfLondonDay(appealDeadline), {
      [appealDays.key]: appealDays.value,
    }),
    scheduleDeadline(deadlineId(context.caseId, 'CPN_EXPIRY'), 'CPN_EXPIRY', endOfLondonDay(inForceUntil), {
      [duration.key]: duration.value,
    }),
  ];
}

/** Stages where a notice is impossible for a reason the officer should see by name. */
function refuseCpnOutsideWarningStage(state: CpwCpnState): void {
  switch (state.stage) {
    case 'opened':
      throw new DomainRuleError('CPN_REQUIRES_EXPIRED_CPW', 'A notice must follow a written warning (s43(5)(a))', {
        warning: 'none',
      });
    case 'cpw-lapsed':
      throw new DomainRuleError('CPW_LAPSED', `The warning lapsed after ${state.cpw.inForceUntil}: a new warning is needed`, {
        inForceUntil: state.cpw.inForceUntil,
      });
    case 'cpn-in-force':
    case 'cpn-under-appeal':
    case 'cpn-quashed':
    case 'cpn-expired':
      throw new DomainRuleError('CPN_ALREADY_ISSUED', `A notice was issued on ${state.cpn.issuedOn}; an escalation has one`, {
        issuedOn: state.cpn.issuedOn,
      });
    case 'awaiting-open':
    case 'cpw-issued':
    case 'closed':
      return;
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

/** s43(6): whoever issues must first inform the bodies or individuals they think appropriate. */
function refuseUninformedBodies(bodies: CommandData<'IssueCpn'>['appropriateBodiesInformed'], issuedOn: string): void {
  if (bodies.length === 0) {
    throw new DomainRuleError(
      'CPN_APPROPRIATE_BODIES_NOT_INFORMED',
      'Record the bodies informed before issue (s43(6))',
      { bodies: [] },
    );
  }
  const late = bodies.find((b) => b.informedOn > issuedOn);
  if (late) {
    throw new DomainRuleError(
      'CPN_APPROPRIATE_BODIES_NOT_INFORMED',
      `${late.body} is recorded as informed on ${late.informedOn}, after issue (${issuedOn})`,
      { body: late.body, informedOn: late.informedOn },
    );
  }
}

// --- Appeal to the magistrates' court (s46) -----------------------------------------------

export function decideLodgeAppeal(data: CommandData<'LodgeAppeal'>, state: CpwCpnState, context: DecisionContext): CpwCpnEvent[] {
  requireStage(state, 'LodgeAppeal');
  const { cpn } = state;
  if (cpn.appeal.status !== 'none') {
    throw new DomainRuleError('CPN_APPEAL_ALREADY_LODGED', `An appeal was lodged on ${cpn.appeal.lodgedOn}`, {
      lodgedOn: cpn.appeal.lodgedOn,
    });
  }
  refuseFutureDate('lodgedOn', data.lodgedOn, context);
  refuseDateBefore('lodgedOn', data.lodgedOn, cpn.issuedOn, 'the notice was issued');
  if (data.lodgedOn > cpn.appealDeadline) {
    throw new DomainRuleError(
      'CPN_APPEAL_OUT_OF_TIME',
      `An appeal had to be made by ${cpn.appealDeadline}: the period begins with the day of issue (s46(2))`,
      { lodgedOn: data.lodgedOn, appealDeadline: cpn.appealDeadline },
    );
  }
  return [
    {
      type: 'AppealLodged',
      data: {
        recordedAt: context.now,
        lodgedOn: data.lodgedOn,
        suspendedRequirementIds: cpn.requirements.filter((r) => r.kind !== 'stop').map((r) => r.requirementId),
      },
    },
    ...meetDeadline(state.deadlines, deadlineId(context.caseId, 'CPN_APPEAL_WINDOW'), context.now),
  ];
}

export function decideRecordAppealOutcome(
  data: CommandData<'RecordAppealOutcome'>,
  state: CpwCpnState,
  context: DecisionContext,
): CpwCpnEvent[] {
  requireStage(state, 'RecordAppealOutcome');
  const { appeal, requirements } = state.cpn;
  refuseFutureDate('decidedOn', data.decidedOn, context);
  if (appeal.status === 'lodged') refuseDateBefore('decidedOn', data.decidedOn, appeal.lodgedOn, 'the appeal was lodged');
  switch (data.outcome) {
    case 'quashed':
      return [
        { type: 'AppealDecided', data: { recordedAt: context.now, decidedOn: data.decidedOn, outcome: 'quashed' } },
        // The notice is gone: nothing it started is still owed.
        ...cancelOpenDeadlines(state.deadlines, 'notice quashed on appeal'),
      ];
    case 'modified': {
      const unknown = data.modifiedRequirements.find((m) => !requirements.some((r) => r.requirementId === m.requirementId));
      if (unknown) {
        throw new DomainRuleError(
          'APPEAL_MODIFIES_REQUIREMENT_NOT_IN_NOTICE',
          `Requirement ${unknown.requirementId} is not in the notice`,
          { requirementId: unknown.requirementId },
        );
      }
      return [
        {
          type: 'AppealDecided',
          data: {
            recordedAt: context.now,
            decidedOn: data.decidedOn,
            outcome: 'modified',
            modifiedRequirements: data.modifiedRequirements,
          },
        },
      ];
    }
    case 'dismissed':
      return [{ type: 'AppealDecided', data: { recordedAt: context.now, decidedOn: data.decidedOn, outcome: 'dismissed' } }];
    default: {
      const unreachable: never = data;
      return unreachable;
    }
  }
}

// --- Expiry (local convention) ------------------------------------------------------------

/** The notice is past its last day in force and in a stage that can expire. */
export function cpnHasRunOut(state: CpwCpnState, context: DecisionContext): boolean {
  return (state.stage === 'cpn-in-force' || state.stage === 'cpn-under-appeal') && today(context) > state.cpn.inForceUntil;
}

export function decideExpireCpn(state: CpwCpnState, context: DecisionContext): CpwCpnEvent[] {
  requireStage(state, 'ExpireCpn');
  const day = today(context);
  const { inForceUntil } = state.cpn;
  if (day <= inForceUntil) {
    throw new DomainRuleError('CPN_NOT_YET_EXPIRED', `The notice is in force until ${inForceUntil}`, {
      inForceUntil,
      today: day,
    });
  }
  return [
    { type: 'CpnExpired', data: { expiredAt: context.now, inForceUntil } },
    ...meetDeadline(state.deadlines, deadlineId(context.caseId, 'CPN_EXPIRY'), context.now),
  ];
}
