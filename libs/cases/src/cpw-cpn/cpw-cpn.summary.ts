import { CaseSummary } from '@casetrail/workflow';
import { Cpn, Cpw, CpwCpnState } from './cpw-cpn.state';

/** What a list or a page header shows: dates, counts and statuses, never a name. */
export function summarise(state: CpwCpnState): CaseSummary {
  if (state.stage === 'awaiting-open') {
    return { stage: state.stage, agencies: [], restricted: false, keyFacts: {} };
  }
  const cpw: Cpw | null = 'cpw' in state ? state.cpw : null;
  const cpn: Cpn | null = 'cpn' in state ? state.cpn : null;
  return {
    stage: state.stage,
    agencies: state.agencies,
    restricted: false,
    openedAt: state.openedAt,
    ...(state.stage === 'closed' ? { closedAt: state.closedAt } : {}),
    keyFacts: {
      recipientKind: state.recipient.kind,
      asbCaseId: state.asbCaseId,
      cpwIssuedOn: cpw?.issuedOn ?? null,
      complyBy: cpw?.complyBy ?? null,
      conductAfterWarning: cpw?.conduct ?? null,
      cpnIssuedOn: cpn?.issuedOn ?? null,
      appealDeadline: cpn?.appealDeadline ?? null,
      appeal: cpn ? (cpn.appeal.status === 'decided' ? cpn.appeal.outcome : cpn.appeal.status) : null,
      cpnInForceUntil: cpn?.inForceUntil ?? null,
      breaches: cpn?.breaches.length ?? 0,
      fpnStatus: latestFpnStatus(cpn),
      prosecutions: cpn?.prosecutions.length ?? 0,
      outcome: state.stage === 'closed' ? state.outcome : null,
    },
  };
}

function latestFpnStatus(cpn: Cpn | null): string | null {
  const withFpn = cpn?.breaches.filter((b) => b.fpn !== null) ?? [];
  return withFpn[withFpn.length - 1]?.fpn?.status ?? null;
}
