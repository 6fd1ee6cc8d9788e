import { CaseSummary } from '@casetrail/workflow';
import { AsbState } from './asb.state';

/** What lists and page headers show of an ASB case: no names, addresses or narratives. */
export function summariseAsb(state: AsbState): CaseSummary {
  switch (state.stage) {
    case 'not-reported':
      return { stage: state.stage, agencies: [], restricted: false, keyFacts: {} };
    case 'reported':
    case 'triaged':
    case 'investigating':
    case 'escalated':
    case 'resolved':
    case 'closed': {
      const incidents = Object.values(state.incidents);
      const latestEscalation = state.escalations.at(-1);
      return {
        stage: state.stage,
        ...('risk' in state ? { risk: state.risk.level } : {}),
        ...(state.assignee ? { assignee: state.assignee } : {}),
        agencies: state.agencies,
        restricted: state.restricted,
        openedAt: state.openedAt,
        ...(state.stage === 'closed' ? { closedAt: state.closedAt } : {}),
        keyFacts: {
          category: state.category,
          incidentCount: incidents.length,
          qualifyingComplaints: incidents.filter((i) => i.qualifyingComplaint).length,
          repeatReport: state.repeatOf.length > 0,
          caseReviewPromptRaised: state.caseReviewPromptRaisedAt !== undefined,
          escalationRoute: latestEscalation?.route ?? null,
          escalationCaseId: latestEscalation?.escalationCaseId ?? null,
          reopenings: state.reopenings,
          ...(state.stage === 'closed' ? { outcome: state.outcome, victimSatisfaction: state.victimSatisfaction } : {}),
        },
      };
    }
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
