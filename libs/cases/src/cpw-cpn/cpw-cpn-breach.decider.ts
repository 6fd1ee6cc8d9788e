import { DecisionContext, DomainRuleError } from '@casetrail/workflow';
import { CommandData } from './cpw-cpn.commands';
import { CpwCpnEvent } from './cpw-cpn.events';
import { refuseDateBefore, refuseFutureDate } from './cpw-cpn.refusals';
import { requireStage } from './cpw-cpn.stages';
import { Appeal, Breach, Cpn, CpwCpnState, NoticeRequirement } from './cpw-cpn.state';

// --- Breach of the notice (s48) -----------------------------------------------------------

export function decideRecordBreach(data: CommandData<'RecordBreach'>, state: CpwCpnState, context: DecisionContext): CpwCpnEvent[] {
  requireStage(state, 'RecordBreach');
  const { cpn } = state;
  refuseFutureDate('occurredOn', data.occurredOn, context);
  if (data.occurredOn < cpn.issuedOn || data.occurredOn > cpn.inForceUntil) {
    throw new DomainRuleError(
      'BREACH_OUTSIDE_CPN_PERIOD',
      `The notice was in force from ${cpn.issuedOn} to ${cpn.inForceUntil}; ${data.occurredOn} is outside it`,
      { occurredOn: data.occurredOn, issuedOn: cpn.issuedOn, inForceUntil: cpn.inForceUntil },
    );
  }
  for (const requirementId of data.requirementIds) {
    const requirement = cpn.requirements.find((r) => r.requirementId === requirementId);
    if (!requirement) {
      throw new DomainRuleError('BREACH_OF_REQUIREMENT_NOT_IN_NOTICE', `Requirement ${requirementId} is not in the notice`, {
        requirementId,
      });
    }
    if (suspendedOn(requirement, cpn.appeal, data.occurredOn)) {
      throw new DomainRuleError(
        'BREACH_OF_SUSPENDED_REQUIREMENT',
        `Requirement ${requirementId} had no effect on ${data.occurredOn}: an appeal was in progress (s46(3))`,
        { requirementId, occurredOn: data.occurredOn },
      );
    }
  }
  return [
    {
      type: 'BreachRecorded',
      data: {
        breachNumber: cpn.breaches.length + 1,
        recordedAt: context.now,
        occurredOn: data.occurredOn,
        requirementIds: data.requirementIds,
        description: data.description,
      },
    },
  ];
}

/** s46(3): from lodging until the appeal is decided, requirements other than "stop" ones have no effect. */
function suspendedOn(requirement: NoticeRequirement, appeal: Appeal, date: string): boolean {
  if (requirement.kind === 'stop' || appeal.status === 'none' || date < appeal.lodgedOn) return false;
  return appeal.status === 'lodged' || date < appeal.decidedOn;
}

/** The breach the command names, or a refusal naming its number. */
export function findBreach(cpn: Cpn, breachNumber: number): Breach {
  const breach = cpn.breaches.find((b) => b.breachNumber === breachNumber);
  if (!breach) {
    throw new DomainRuleError('BREACH_NOT_FOUND', `No breach ${breachNumber} is recorded on this notice`, { breachNumber });
  }
  return breach;
}

/** A breach already in a prosecution cannot be offered a fixed penalty or prosecuted again. */
export function refuseIfProsecuted(breach: Breach): void {
  if (breach.prosecutionNumber !== null) {
    throw new DomainRuleError(
      'BREACH_ALREADY_PROSECUTED',
      `Breach ${breach.breachNumber} is in prosecution ${breach.prosecutionNumber}`,
      { breachNumber: breach.breachNumber, prosecutionNumber: breach.prosecutionNumber },
    );
  }
}

// --- Remedial action by the council (s47) -------------------------------------------------

export function decideRecordRemedialAction(
  data: CommandData<'RecordRemedialAction'>,
  state: CpwCpnState,
  context: DecisionContext,
): CpwCpnEvent[] {
  requireStage(state, 'RecordRemedialAction');
  const { cpn } = state;
  const earliestBreach = cpn.breaches.map((b) => b.occurredOn).sort()[0];
  if (earliestBreach === undefined) {
    throw new DomainRuleError(
      'REMEDIAL_ACTION_REQUIRES_BREACH',
      'Remedial action answers a failure to comply with the notice (s47(1)): record the breach first',
      {},
    );
  }
  refuseFutureDate('carriedOutOn', data.carriedOutOn, context);
  refuseDateBefore('carriedOutOn', data.carriedOutOn, earliestBreach, 'the first breach');
  return [
    {
      type: 'RemedialActionRecorded',
      data: {
        actionNumber: cpn.remedialActions + 1,
        recordedAt: context.now,
        carriedOutOn: data.carriedOutOn,
        description: data.description,
        costPence: data.costPence,
      },
    },
  ];
}
