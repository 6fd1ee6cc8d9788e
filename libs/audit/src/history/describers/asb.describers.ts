import { ASB_EVENT_SCHEMAS } from '@casetrail/cases';
import { count, dateText, list, words } from '../wording';
import { DEADLINE_DESCRIBERS } from './deadline.describers';
import { DescribersOf } from './describer';

const ESCALATION_ROUTES = {
  'cpw-cpn': 'a CPW/CPN escalation',
  injunction: 'an injunction application',
  'closure-order': 'a closure order application',
} as const;

/** ASB cases (libs/cases/src/asb/asb.events.ts). */
export const ASB_DESCRIBERS: DescribersOf<typeof ASB_EVENT_SCHEMAS> = {
  AsbReported: (d, who) =>
    `ASB report (${words(d.category)}) opened by ${who}, reported through ${d.reportingAgency}: ${count(d.victims.length, 'victim')}, ` +
    `${count(d.perpetrators.length, 'alleged perpetrator')}` +
    (d.repeatOf.length > 0 ? ` — possible repeat of ${count(d.repeatOf.length, 'earlier case')} (${list([...new Set(d.repeatOf.map((r) => r.matchedOn))])})` : ''),
  IncidentLogged: (d, who) =>
    `Incident ${d.incidentId} logged by ${who}: behaviour on ${dateText(d.behaviourDate)}, reported ${dateText(d.reportedDate)} to ${d.reportingAgency}` +
    (d.qualifyingComplaint ? ' — a qualifying complaint for the Community Trigger' : ' — not a qualifying complaint'),
  CaseReviewPromptRaised: (d) =>
    `Case Review prompt: ${count(d.incidentIds.length, 'complaint')} within the prompt period (${list(d.incidentIds)}) — tell the victim about the ASB Case Review`,
  PerpetratorIdentified: (d, who) => `Alleged perpetrator ${d.perpetrator.perpetratorId} identified by ${who}`,
  RiskAssessed: (d) =>
    `Victim risk assessed as ${d.level} by ${d.assessedBy.id} (${d.assessedBy.agency})` + (d.previousLevel ? `, previously ${d.previousLevel}` : ''),
  CaseAssigned: (d, who) =>
    `Case assigned to ${d.caseworkerId} (${d.agency}) by ${who}` +
    (d.previousAssignee ? `, taking over from ${d.previousAssignee.caseworkerId} (${d.previousAssignee.agency})` : ''),
  InvestigationStarted: (_d, who) => `Investigation started by ${who}`,
  ProgressReviewed: (d, who) => `Progress review ${d.reviewNumber} recorded by ${who}`,
  CaseMarkedRestricted: (_d, who) => `Case marked restricted (need-to-know) by ${who}`,
  WarningLetterIssued: (d, who) => `Warning letter issued to alleged perpetrator ${d.perpetratorId} by ${who}`,
  AbcAgreed: (d, who) =>
    `Acceptable behaviour contract agreed with alleged perpetrator ${d.perpetratorId} (${count(d.parties.length, 'party', 'parties')}), ` +
    `recorded by ${who} — review on ${dateText(d.reviewDate)}`,
  AbcRefused: (d, who) => `Acceptable behaviour contract refused by alleged perpetrator ${d.perpetratorId}, recorded by ${who}`,
  MediationReferred: (d, who) => `Referred to ${words(d.mediationType)} mediation with ${d.provider} by ${who}`,
  DiversionaryActivityReferred: (d, who) =>
    `Alleged perpetrator ${d.perpetratorId} referred to a diversionary activity (${d.activity}, ${d.provider}) by ${who}`,
  MultiAgencyMeetingHeld: (d, who) => `Multi-agency meeting on ${dateText(d.meetingDate)} with ${list(d.agencies)}, recorded by ${who}`,
  CaseEscalated: (d, who) => `Escalated to ${ESCALATION_ROUTES[d.route]} (case ${d.escalationCaseId}) by ${who}`,
  CaseResolved: (_d, who) => `Case resolved by ${who}`,
  CaseClosed: (d, who) => `Case closed by ${who}: ${words(d.outcome)}; victim satisfaction: ${words(d.victimSatisfaction)}`,
  CaseReopened: (_d, who) => `Case reopened by ${who}`,
  ...DEADLINE_DESCRIBERS,
};
