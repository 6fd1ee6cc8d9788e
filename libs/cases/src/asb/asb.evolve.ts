import { Deadlines, evolveDeadlines, isDeadlineEvent } from '@casetrail/workflow';
import { AsbCaseEvent, AsbEvent, AsbReportedData } from './asb.events';
import { ActionCounts, AsbCaseFile, AsbState, Incident, ReportedAsbState } from './asb.state';

/**
 * The growing records this fold created itself, and so may add to in place: nobody else holds
 * them. A record taken from the caller's state is copied once, on the first addition, and owned
 * from then on. That keeps a fold of n incidents O(n) rather than O(n²) (ADR 0012).
 */
interface Owned {
  incidents?: Record<string, Incident>;
}

/**
 * Folds ASB events into the case. Never throws: an event that does not fit the stage it meets
 * (which decide never produces) leaves the state as it was. Never changes `state`.
 */
export function evolveAsb(state: AsbState, event: AsbEvent): AsbState {
  return evolveOwning({}, state, event);
}

/** The same as reducing `events` with evolveAsb, without copying the incidents at every step. */
export function evolveAsbEvents(state: AsbState, events: readonly AsbEvent[]): AsbState {
  const owned: Owned = {};
  let folded = state;
  for (const event of events) folded = evolveOwning(owned, folded, event);
  return folded;
}

function evolveOwning(owned: Owned, state: AsbState, event: AsbEvent): AsbState {
  if (isDeadlineEvent(event)) return { ...state, deadlines: evolveDeadlines(state.deadlines, event) };
  if (event.type === 'AsbReported') return state.stage === 'not-reported' ? openCase(event.data, state.deadlines) : state;
  if (state.stage === 'not-reported') return state;
  return evolveReportedCase(owned, state, event);
}

function withIncident(owned: Owned, incidents: Readonly<Record<string, Incident>>, incident: Incident): Record<string, Incident> {
  const into = owned.incidents === incidents ? owned.incidents : { ...incidents };
  into[incident.incidentId] = incident;
  owned.incidents = into;
  return into;
}

function openCase(data: AsbReportedData, deadlines: Deadlines): AsbState {
  return {
    stage: 'reported',
    openedAt: data.openedAt,
    category: data.category,
    reportingAgency: data.reportingAgency,
    victims: data.victims,
    location: data.location,
    perpetrators: Object.fromEntries(data.perpetrators.map((p) => [p.perpetratorId, p])),
    incidents: {},
    repeatOf: data.repeatOf,
    agencies: [data.reportingAgency],
    restricted: false,
    deadlines,
    progressReviews: 0,
    escalations: [],
    actions: {
      warningLetters: 0,
      abcsAgreed: 0,
      abcsRefused: 0,
      mediationReferrals: 0,
      diversionaryReferrals: 0,
      multiAgencyMeetings: 0,
    },
    reopenings: 0,
  };
}

function evolveReportedCase(owned: Owned, state: ReportedAsbState, event: Exclude<AsbCaseEvent, { type: 'AsbReported' }>): AsbState {
  switch (event.type) {
    case 'IncidentLogged':
      return update(state, {
        incidents: withIncident(owned, state.incidents, event.data),
        agencies: withAgencies(state.agencies, event.data.reportingAgency),
      });
    case 'CaseReviewPromptRaised':
      return update(state, { caseReviewPromptRaisedAt: event.data.raisedAt });
    case 'PerpetratorIdentified':
      return update(state, {
        perpetrators: { ...state.perpetrators, [event.data.perpetrator.perpetratorId]: event.data.perpetrator },
      });
    case 'RiskAssessed': {
      const risk = { level: event.data.level, assessedAt: event.data.assessedAt };
      return state.stage === 'reported' ? { ...state, stage: 'triaged', risk } : { ...state, risk };
    }
    case 'CaseAssigned': {
      const { caseworkerId, agency } = event.data;
      return update(state, { assignee: { caseworkerId, agency }, agencies: withAgencies(state.agencies, agency) });
    }
    case 'InvestigationStarted':
      return state.stage === 'triaged' ? { ...state, stage: 'investigating' } : state;
    case 'ProgressReviewed':
      return update(state, { progressReviews: event.data.reviewNumber });
    case 'CaseMarkedRestricted':
      return update(state, { restricted: true });
    case 'WarningLetterIssued':
      return counted(state, 'warningLetters');
    case 'AbcAgreed':
      return counted(state, 'abcsAgreed');
    case 'AbcRefused':
      return counted(state, 'abcsRefused');
    case 'MediationReferred':
      return update(counted(state, 'mediationReferrals'), { agencies: withAgencies(state.agencies, event.data.provider) });
    case 'DiversionaryActivityReferred':
      return update(counted(state, 'diversionaryReferrals'), { agencies: withAgencies(state.agencies, event.data.provider) });
    case 'MultiAgencyMeetingHeld':
      return update(counted(state, 'multiAgencyMeetings'), { agencies: withAgencies(state.agencies, ...event.data.agencies) });
    case 'CaseEscalated': {
      if (state.stage !== 'investigating' && state.stage !== 'escalated') return state;
      const { route, escalationCaseId, escalatedAt } = event.data;
      return { ...state, stage: 'escalated', escalations: [...state.escalations, { route, escalationCaseId, escalatedAt }] };
    }
    case 'CaseResolved':
      if (state.stage !== 'investigating' && state.stage !== 'escalated') return state;
      return { ...state, stage: 'resolved', resolvedAt: event.data.resolvedAt };
    case 'CaseClosed':
      if (state.stage !== 'resolved') return state;
      return { ...state, stage: 'closed', ...event.data };
    case 'CaseReopened': {
      if (state.stage !== 'closed') return state;
      const { resolvedAt: _r, closedAt: _c, outcome: _o, victimSatisfaction: _v, ...open } = state;
      return { ...open, stage: 'investigating', reopenings: state.reopenings + 1 };
    }
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function update<S extends ReportedAsbState>(state: S, change: Partial<AsbCaseFile>): S {
  return { ...state, ...change };
}

function counted<S extends ReportedAsbState>(state: S, action: keyof ActionCounts): S {
  return update(state, { actions: { ...state.actions, [action]: state.actions[action] + 1 } });
}

function withAgencies(agencies: string[], ...more: string[]): string[] {
  // Most events name an agency the case already has: keep the array rather than rebuild it.
  if (more.every((agency) => agencies.includes(agency))) return agencies;
  return [...new Set([...agencies, ...more])].sort();
}
