import { CaseSummary } from '@casetrail/workflow';
import { DaReferralState, riskOf, routeOf } from './da-referral.state';

/** What lists and page headers show: no names, no addresses, nothing a reader could identify. */
export function summarise(state: DaReferralState): CaseSummary {
  if (state.stage === 'new') return { stage: state.stage, agencies: [], restricted: true, keyFacts: {} };

  const risk = riskOf(state);
  const route = routeOf(state);
  const idva = route?.kind === 'marac' ? route.idva : null;
  return {
    stage: state.stage,
    ...(risk ? { risk: risk.finalLevel } : {}),
    ...(idva ? { assignee: { caseworkerId: idva.idvaId, agency: idva.service } } : {}),
    agencies: [...new Set([state.referral.referringAgency, ...(idva ? [idva.service] : [])])],
    // Every domestic-abuse referral is need-to-know, whatever its stage.
    restricted: true,
    openedAt: state.referral.receivedAt,
    ...(state.stage === 'closed' ? { closedAt: state.closedAt } : {}),
    keyFacts: {
      source: state.referral.source,
      victimGender: state.referral.victimGender,
      maracReferred: route?.kind === 'marac',
      repeat: route?.kind === 'marac' && route.repeat,
      dashScore: risk?.score ?? null,
      lockedToNameAndAgencies: state.lockedToNameAndAgencies,
      ...(state.stage === 'closed' ? { outcome: state.outcome } : {}),
    },
  };
}
