import { evolveDeadlines, isDeadlineEvent } from '@casetrail/workflow';
import { DaReferralEvent } from './da-referral.events';
import { isInStage } from './da-referral.stages';
import { DaReferralStage, DaReferralState, riskOf, routeOf, StateIn } from './da-referral.state';

/**
 * Folds one event. An event that cannot follow the current stage means a corrupt stream or a
 * decider bug; replaying past it would show an auditor a history that never was, so it throws.
 */
export function evolve(state: DaReferralState, event: DaReferralEvent): DaReferralState {
  if (isDeadlineEvent(event)) return { ...state, deadlines: evolveDeadlines(state.deadlines, event) };

  switch (event.type) {
    case 'ReferralReceived': {
      const current = expectStage(state, event.type, ['new']);
      const data = event.data;
      return {
        stage: 'received',
        deadlines: current.deadlines,
        lockedToNameAndAgencies: false,
        referral: {
          source: data.source,
          referringAgency: data.referringAgency,
          victimGender: data.victim.gender,
          incidentsInLast12Months: data.incidentsInLast12Months,
          lastMaracReferralDate: data.lastMaracReferralDate ?? null,
          receivedAt: data.receivedAt,
        },
      };
    }
    case 'RiskAssessed': {
      const current = expectStage(state, event.type, ['received']);
      const { score, scoreLevel, finalLevel } = event.data;
      return { ...current, stage: 'assessed', risk: { score, scoreLevel, finalLevel } };
    }
    case 'ReferredToMarac': {
      const current = expectStage(state, event.type, ['assessed']);
      const { meetingDate, reasons, repeat } = event.data;
      return {
        ...current,
        stage: 'marac-referred',
        route: { kind: 'marac', meetingDate, reasons, repeat, idva: null, supportService: null },
      };
    }
    case 'ReferredToSupportService': {
      if (event.data.alongsideMarac) {
        const current = expectStage(state, event.type, ['marac-referred']);
        return { ...current, route: { ...current.route, supportService: event.data.service } };
      }
      const current = expectStage(state, event.type, ['assessed']);
      return { ...current, stage: 'contact', route: { kind: 'support-service', service: event.data.service }, attempts: [] };
    }
    case 'IdvaAllocated': {
      const current = expectStage(state, event.type, ['marac-referred']);
      const { idvaId, service } = event.data;
      return { ...current, stage: 'contact', route: { ...current.route, idva: { idvaId, service } }, attempts: [] };
    }
    case 'ContactAttemptRecorded': {
      const current = expectStage(state, event.type, ['contact']);
      const { attemptedAt, outcome } = event.data;
      return { ...current, attempts: [...current.attempts, { attemptedAt, outcome }] };
    }
    case 'ReferralClosed': {
      const current = expectStage(state, event.type, ['received', 'assessed', 'marac-referred', 'contact']);
      return {
        stage: 'closed',
        deadlines: current.deadlines,
        referral: current.referral,
        lockedToNameAndAgencies: current.lockedToNameAndAgencies,
        risk: riskOf(current),
        route: routeOf(current),
        outcome: event.data.outcome,
        closedAt: event.data.closedAt,
      };
    }
    case 'RestrictedToNameAndAgencies': {
      const current = expectStage(state, event.type, ['received', 'assessed', 'marac-referred', 'contact', 'closed']);
      return { ...current, lockedToNameAndAgencies: true };
    }
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function expectStage<S extends DaReferralStage>(state: DaReferralState, eventType: string, stages: readonly S[]): StateIn<S> {
  if (isInStage(state, stages)) return state;
  throw new Error(`da-referral: ${eventType} cannot follow stage ${state.stage} (expected ${stages.join(' or ')})`);
}
