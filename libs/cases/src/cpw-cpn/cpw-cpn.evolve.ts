import { evolveDeadlines } from '@casetrail/workflow';
import { CpwCpnEvent, EventOf } from './cpw-cpn.events';
import { Breach, Cpn, CpwCpnState, NoticeRequirement, Stage, StateIn } from './cpw-cpn.state';

/**
 * Folds one event into the state. Events were accepted by decide, so one that does not fit the
 * stage means the stream itself is wrong: that is an error to see, not to paper over.
 */
export function evolve(state: CpwCpnState, event: CpwCpnEvent): CpwCpnState {
  const deadlines = evolveDeadlines(state.deadlines, event);
  switch (event.type) {
    case 'DeadlineScheduled':
    case 'DeadlineMet':
    case 'DeadlineCancelled':
    case 'DeadlineMissed':
      return { ...state, deadlines };
    case 'EscalationOpened': {
      expectStage(state, event, 'awaiting-open');
      const { recipient, openedAt, agency, asbCaseId } = event.data;
      return {
        stage: 'opened',
        deadlines,
        openedAt,
        asbCaseId: asbCaseId ?? null,
        recipient: recipient.kind === 'body' ? { kind: 'body' } : { kind: 'individual', dateOfBirth: recipient.dateOfBirth ?? null },
        agencies: [agency],
      };
    }
    case 'RecipientDateOfBirthRecorded':
      expectStage(state, event, 'opened');
      return { ...state, recipient: { kind: 'individual', dateOfBirth: event.data.dateOfBirth } };
    case 'CpwIssued': {
      expectStage(state, event, 'opened');
      const { issuedOn, complyBy, inForceUntil, requirements, issuer } = event.data;
      return {
        ...state,
        stage: 'cpw-issued',
        agencies: withAgency(state.agencies, issuer.agency),
        cpw: { issuedOn, complyBy, inForceUntil, requirements, conduct: 'awaiting-review' },
      };
    }
    case 'ConductAfterWarningRecorded':
      expectStage(state, event, 'cpw-issued');
      return { ...state, cpw: { ...state.cpw, conduct: event.data.conductContinued ? 'continued' : 'stopped' } };
    case 'CpwLapsed':
      expectStage(state, event, 'cpw-issued');
      return { ...state, stage: 'cpw-lapsed' };
    case 'CpnIssued': {
      expectStage(state, event, 'cpw-issued');
      const { issuedOn, appealDeadline, inForceUntil, requirements, issuer } = event.data;
      return {
        ...state,
        stage: 'cpn-in-force',
        agencies: withAgency(state.agencies, issuer.agency),
        cpn: {
          issuedOn,
          appealDeadline,
          inForceUntil,
          requirements: requirements.map((r) => ({ ...r, status: 'in-force' })),
          appeal: { status: 'none' },
          breaches: [],
          prosecutions: [],
          remedialActions: 0,
        },
      };
    }
    case 'AppealLodged': {
      expectStage(state, event, 'cpn-in-force');
      const { lodgedOn, suspendedRequirementIds } = event.data;
      return {
        ...state,
        stage: 'cpn-under-appeal',
        cpn: {
          ...state.cpn,
          appeal: { status: 'lodged', lodgedOn },
          requirements: state.cpn.requirements.map((r) =>
            suspendedRequirementIds.includes(r.requirementId) ? { ...r, status: 'suspended' } : r,
          ),
        },
      };
    }
    case 'AppealDecided':
      expectStage(state, event, 'cpn-under-appeal');
      return evolveAppealDecided(state, event);
    case 'CpnExpired':
      expectStage(state, event, 'cpn-in-force', 'cpn-under-appeal');
      return { ...state, stage: 'cpn-expired' };
    case 'BreachRecorded': {
      expectStage(state, event, 'cpn-in-force', 'cpn-under-appeal', 'cpn-expired');
      const { breachNumber, occurredOn, requirementIds } = event.data;
      const breach: Breach = { breachNumber, occurredOn, requirementIds, fpn: null, prosecutionNumber: null };
      return { ...state, cpn: { ...state.cpn, breaches: [...state.cpn.breaches, breach] } };
    }
    case 'FpnIssued': {
      expectStage(state, event, 'cpn-in-force', 'cpn-under-appeal', 'cpn-expired');
      const { breachNumber, issuedOn, amountPence, earlyPayment, payBy, paymentDeadlineId, issuer } = event.data;
      return {
        ...withBreach(state, breachNumber, (b) => ({
          ...b,
          fpn: { issuedOn, amountPence, earlyPayment, payBy, paymentDeadlineId, status: 'issued' },
        })),
        agencies: withAgency(state.agencies, issuer.agency),
      };
    }
    case 'FpnPaid':
      expectStage(state, event, 'cpn-in-force', 'cpn-under-appeal', 'cpn-expired');
      return withBreach(state, event.data.breachNumber, (b) => ({ ...b, fpn: b.fpn && { ...b.fpn, status: 'paid' } }));
    case 'FpnUnpaid':
      expectStage(state, event, 'cpn-in-force', 'cpn-under-appeal', 'cpn-expired');
      return withBreach(state, event.data.breachNumber, (b) => ({ ...b, fpn: b.fpn && { ...b.fpn, status: 'unpaid' } }));
    case 'ProsecutionStarted': {
      expectStage(state, event, 'cpn-in-force', 'cpn-under-appeal', 'cpn-expired');
      const { prosecutionNumber, startedOn, breachNumbers } = event.data;
      return {
        ...state,
        cpn: {
          ...state.cpn,
          prosecutions: [...state.cpn.prosecutions, { prosecutionNumber, startedOn, breachNumbers, result: 'pending' }],
          breaches: state.cpn.breaches.map((b) => (breachNumbers.includes(b.breachNumber) ? { ...b, prosecutionNumber } : b)),
        },
      };
    }
    case 'ProsecutionConcluded': {
      expectStage(state, event, 'cpn-in-force', 'cpn-under-appeal', 'cpn-expired');
      const { prosecutionNumber, result } = event.data;
      const prosecutions = state.cpn.prosecutions.map((p) => (p.prosecutionNumber === prosecutionNumber ? { ...p, result } : p));
      return { ...state, cpn: { ...state.cpn, prosecutions } };
    }
    case 'RemedialActionRecorded':
      expectStage(state, event, 'cpn-in-force', 'cpn-expired');
      return { ...state, cpn: { ...state.cpn, remedialActions: state.cpn.remedialActions + 1 } };
    case 'EscalationClosed': {
      if (state.stage === 'awaiting-open' || state.stage === 'closed') throw misplaced(state, event);
      return {
        ...state,
        stage: 'closed',
        cpw: 'cpw' in state ? state.cpw : null,
        cpn: 'cpn' in state ? state.cpn : null,
        closedAt: event.data.closedAt,
        outcome: event.data.outcome,
      };
    }
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function evolveAppealDecided(state: StateIn<'cpn-under-appeal'>, event: EventOf<'AppealDecided'>): CpwCpnState {
  const { decidedOn } = event.data;
  const lodgedOn = state.cpn.appeal.status === 'none' ? decidedOn : state.cpn.appeal.lodgedOn;
  const decide = (cpn: Cpn): Cpn => ({ ...cpn, appeal: { status: 'decided', lodgedOn, decidedOn, outcome: event.data.outcome } });
  const inForce = (r: NoticeRequirement): NoticeRequirement => ({ ...r, status: 'in-force' });
  switch (event.data.outcome) {
    case 'quashed':
      return { ...state, stage: 'cpn-quashed', cpn: decide(state.cpn) };
    case 'modified': {
      const { modifiedRequirements } = event.data;
      const requirements = state.cpn.requirements.map((r) => {
        const modified = modifiedRequirements.find((m) => m.requirementId === r.requirementId);
        return inForce(modified ? { ...r, text: modified.text } : r);
      });
      return { ...state, stage: 'cpn-in-force', cpn: { ...decide(state.cpn), requirements } };
    }
    case 'dismissed':
      return { ...state, stage: 'cpn-in-force', cpn: { ...decide(state.cpn), requirements: state.cpn.requirements.map(inForce) } };
    default: {
      const unreachable: never = event.data;
      return unreachable;
    }
  }
}

function withAgency(agencies: string[], agency: string): string[] {
  return agencies.includes(agency) ? agencies : [...agencies, agency];
}

type BreachStage = StateIn<'cpn-in-force' | 'cpn-under-appeal' | 'cpn-expired'>;

function withBreach(state: BreachStage, breachNumber: number, change: (breach: Breach) => Breach): BreachStage {
  return {
    ...state,
    cpn: { ...state.cpn, breaches: state.cpn.breaches.map((b) => (b.breachNumber === breachNumber ? change(b) : b)) },
  };
}

function expectStage<S extends Stage>(state: CpwCpnState, event: CpwCpnEvent, ...stages: S[]): asserts state is StateIn<S> {
  if (!(stages as Stage[]).includes(state.stage)) throw misplaced(state, event);
}

function misplaced(state: CpwCpnState, event: CpwCpnEvent): Error {
  return new Error(`Escalation history is inconsistent: ${event.type} cannot follow stage ${state.stage}`);
}
