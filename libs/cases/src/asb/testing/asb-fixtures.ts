import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BankHolidayCalendar, PolicyEntry, StaticPolicy, endOfLondonDay } from '@casetrail/workflow';
import { deciderSpec } from '@casetrail/workflow/testing';
import { AsbCommand, AsbCommandOf } from '../asb.commands';
import { AsbStage } from '../asb.state';
import { asbDecider } from '../asb.decider';
import { AsbEvent, AsbEventOf } from '../asb.events';
import { asbPolicy } from '../asb.policy';

/** Shared givens for the ASB decider specs. Times are UTC instants; London is UTC+0 until 30 March 2025. */

export const CASE_ID = 'asb-3f0c2a4e-8d5b-4b7a-9c1e-2f6d8a9b0c11';
export const CPW_CPN_CASE_ID = 'cpw-cpn-7b1e9d2c-4a5f-4e8b-a1c3-9d0f2e4b6a87';
export const INJUNCTION_CASE_ID = 'injunction-0c9a8b7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';

export const POLICY_FILE = join(__dirname, '..', '..', '..', '..', '..', 'policy', 'asb.yaml');

export interface PolicyFile {
  section: string;
  values: Record<string, PolicyEntry[]>;
}

export function readAsbPolicyFile(): PolicyFile {
  return parse(readFileSync(POLICY_FILE, 'utf8')) as PolicyFile;
}

/** The policy in force, read from the same file the application loads; `override` replaces keys. */
export function asbPolicyLookup(override: Record<string, PolicyEntry[]> = {}): StaticPolicy {
  return new StaticPolicy({ [asbPolicy.section]: { ...readAsbPolicyFile().values, ...override } });
}

/** England and Wales bank holidays (gov.uk) for the years the specs use. */
export const calendar = new BankHolidayCalendar({
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
});

export const spec = deciderSpec(asbDecider, { caseId: CASE_ID, policy: asbPolicyLookup(), calendar });

// --- Moments in the life of the case --------------------------------------------------------

export const OPENED_AT = '2025-03-10T09:00:00Z';
export const TRIAGE_DUE_AT = '2025-03-11T09:00:00.000Z';
export const TRIAGED_AT = '2025-03-10T15:30:00Z';
export const INVESTIGATION_STARTED_AT = '2025-03-12T10:00:00Z';
/** 28 days after 12 March, by the end of that London day (BST by then). */
export const FIRST_REVIEW_DUE_AT = endOfLondonDay('2025-04-09');
export const ESCALATED_AT = '2025-04-02T11:00:00Z';
export const RESOLVED_AT = '2025-05-01T14:00:00Z';
export const CLOSED_AT = '2025-05-06T09:30:00Z';

export const TRIAGE_DEADLINE_ID = `${CASE_ID}/ASB_TRIAGE_DUE`;
export const reviewDeadlineId = (n: number) => `${CASE_ID}/ASB_PROGRESS_REVIEW_DUE/${n}`;

// --- Commands -------------------------------------------------------------------------------

export const victimJane = {
  kind: 'person' as const,
  givenName: 'Jane',
  familyName: 'Smith',
  contact: { phone: '07700 900123', address: '14 Mill Lane, Tonbridge' },
};

export const perpetratorSam = {
  perpetratorId: 'p-sam',
  givenName: 'Sam',
  familyName: 'Jones',
  dateOfBirth: '2001-06-15',
};

export function reportAsb(data: Partial<AsbCommandOf<'ReportAsb'>['data']> = {}): AsbCommandOf<'ReportAsb'> {
  return {
    type: 'ReportAsb',
    data: {
      reportingAgency: 'tmbc',
      category: 'noise',
      victims: [victimJane],
      location: { address: '12 Mill Lane, Tonbridge' },
      perpetrators: [perpetratorSam],
      firstIncident: { incidentId: 'i1', behaviourDate: '2025-03-08', reportedDate: '2025-03-10', description: 'Loud music until 3am' },
      ...data,
    },
  };
}

export function logIncident(data: Partial<AsbCommandOf<'LogIncident'>['data']> = {}): AsbCommandOf<'LogIncident'> {
  return {
    type: 'LogIncident',
    data: {
      incidentId: 'i2',
      behaviourDate: '2025-03-20',
      reportedDate: '2025-03-21',
      description: 'Shouting in the street at midnight',
      reportingAgency: 'kent-police',
      ...data,
    },
  };
}

export const RISK_ANSWERS = [
  { question: 'Is the victim feeling isolated?', answer: 'Yes, lives alone' },
  { question: 'Has the victim been targeted before?', answer: 'No' },
];

// --- Events: the case as the store would hold it at each stage ------------------------------

export function asbReported(data: Partial<AsbEventOf<'AsbReported'>['data']> = {}): AsbEventOf<'AsbReported'> {
  return {
    type: 'AsbReported',
    schemaVersion: 2,
    data: {
      openedAt: OPENED_AT,
      category: 'noise',
      reportingAgency: 'tmbc',
      victims: [victimJane],
      location: { address: '12 Mill Lane, Tonbridge' },
      perpetrators: [perpetratorSam],
      repeatOf: [],
      ...data,
    },
  };
}

export function incidentLogged(data: Partial<AsbEventOf<'IncidentLogged'>['data']> = {}): AsbEventOf<'IncidentLogged'> {
  return {
    type: 'IncidentLogged',
    data: {
      incidentId: 'i1',
      behaviourDate: '2025-03-08',
      reportedDate: '2025-03-10',
      description: 'Loud music until 3am',
      reportingAgency: 'tmbc',
      loggedAt: OPENED_AT,
      qualifyingComplaint: true,
      applied: { 'asb.complaintQualifyingMonths': 1 },
      ...data,
    },
  };
}

export const reportedCase: AsbEvent[] = [
  asbReported(),
  incidentLogged(),
  {
    type: 'DeadlineScheduled',
    data: { deadlineId: TRIAGE_DEADLINE_ID, rule: 'ASB_TRIAGE_DUE', dueAt: TRIAGE_DUE_AT, applied: { 'asb.triageDueHours': 24 } },
  },
];

export const triagedCase: AsbEvent[] = [
  ...reportedCase,
  {
    type: 'RiskAssessed',
    data: {
      level: 'medium',
      previousLevel: null,
      answers: RISK_ANSWERS,
      assessedBy: { id: 'officer-1', agency: 'tmbc' },
      assessedAt: TRIAGED_AT,
    },
  },
  { type: 'DeadlineMet', data: { deadlineId: TRIAGE_DEADLINE_ID, metAt: TRIAGED_AT } },
];

export const investigatingCase: AsbEvent[] = [
  ...triagedCase,
  { type: 'InvestigationStarted', data: { startedAt: INVESTIGATION_STARTED_AT } },
  {
    type: 'DeadlineScheduled',
    data: {
      deadlineId: reviewDeadlineId(1),
      rule: 'ASB_PROGRESS_REVIEW_DUE',
      dueAt: FIRST_REVIEW_DUE_AT,
      applied: { 'asb.reviewIntervalDays': 28 },
    },
  },
];

export const escalatedCase: AsbEvent[] = [
  ...investigatingCase,
  {
    type: 'CaseEscalated',
    data: { route: 'cpw-cpn', escalationCaseId: CPW_CPN_CASE_ID, reason: 'Music continues after warning letter', escalatedAt: ESCALATED_AT },
  },
];

export const resolvedCase: AsbEvent[] = [
  ...investigatingCase,
  { type: 'CaseResolved', data: { resolutionSummary: 'Music stopped after mediation', resolvedAt: RESOLVED_AT } },
  { type: 'DeadlineCancelled', data: { deadlineId: reviewDeadlineId(1), reason: 'case resolved' } },
];

export const closedCase: AsbEvent[] = [
  ...resolvedCase,
  { type: 'CaseClosed', data: { outcome: 'behaviour-stopped', victimSatisfaction: 'satisfied', closedAt: CLOSED_AT } },
];

/** One well-formed command of each type, for checks that run across all of them. */
export const SAMPLE_COMMANDS: { [Type in AsbCommand['type']]: AsbCommandOf<Type> } = {
  ReportAsb: reportAsb(),
  LogIncident: logIncident({ behaviourDate: '2025-03-09', reportedDate: '2025-03-10' }),
  IdentifyPerpetrator: { type: 'IdentifyPerpetrator', data: { perpetrator: { perpetratorId: 'p-ali', description: 'Teenager on an e-scooter' } } },
  RecordRiskAssessment: { type: 'RecordRiskAssessment', data: { level: 'high', answers: RISK_ANSWERS } },
  AssignCase: { type: 'AssignCase', data: { caseworkerId: 'cw-9', agency: 'town-housing' } },
  StartInvestigation: { type: 'StartInvestigation', data: {} },
  RecordProgressReview: { type: 'RecordProgressReview', data: { summary: 'Monitoring' } },
  MarkRestricted: { type: 'MarkRestricted', data: { reason: 'Victim works for the council' } },
  IssueWarningLetter: { type: 'IssueWarningLetter', data: { perpetratorId: 'p-sam', summary: 'Stop the music' } },
  AgreeAbc: {
    type: 'AgreeAbc',
    data: {
      outcome: 'refused-to-sign',
      perpetratorId: 'p-sam',
      parties: [
        { role: 'perpetrator', name: 'Sam Jones' },
        { role: 'council', name: 'ASB officer' },
      ],
    },
  },
  ReferToMediation: { type: 'ReferToMediation', data: { mediationType: 'neighbour', provider: 'kent-mediation' } },
  ReferToDiversionaryActivity: { type: 'ReferToDiversionaryActivity', data: { perpetratorId: 'p-sam', activity: 'Football', provider: 'tmbc-youth' } },
  RecordMultiAgencyMeeting: { type: 'RecordMultiAgencyMeeting', data: { meetingDate: '2025-03-10', agencies: ['tmbc', 'kent-police'], summary: 'Met' } },
  EscalateCase: { type: 'EscalateCase', data: { route: 'injunction', escalationCaseId: INJUNCTION_CASE_ID, reason: 'Persistent' } },
  ResolveCase: { type: 'ResolveCase', data: { resolutionSummary: 'Stopped' } },
  CloseCase: { type: 'CloseCase', data: { outcome: 'behaviour-stopped', victimSatisfaction: 'not-asked' } },
  ReopenCase: { type: 'ReopenCase', data: { reason: 'Started again' } },
  ExpireDeadline: { type: 'ExpireDeadline', data: { deadlineId: TRIAGE_DEADLINE_ID, dueAt: TRIAGE_DUE_AT } },
};

export const HISTORY_BY_STAGE: Record<AsbStage, AsbEvent[]> = {
  'not-reported': [],
  reported: reportedCase,
  triaged: triagedCase,
  investigating: investigatingCase,
  escalated: escalatedCase,
  resolved: resolvedCase,
  closed: closedCase,
};
