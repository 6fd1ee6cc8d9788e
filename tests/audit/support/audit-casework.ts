import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { EventStore } from '@casetrail/event-store';
import { CASE_TYPES } from '@casetrail/cases';
import {
  Actor,
  CaseTypeDefinition,
  CommandOutcome,
  DomainCommand,
  handleCommand,
  loadBankHolidays,
  loadPolicyDirectory,
  parseCommand,
  PolicyLookup,
  WorkingDayCalendar,
} from '@casetrail/workflow';

const ROOT = join(__dirname, '..', '..', '..');

export const ASB_OFFICER: Actor = { id: 'officer-7', role: 'caseworker', agency: 'tmbc' };
export const IDVA_TRIAGE: Actor = { id: 'davss-triage', role: 'caseworker', agency: 'davss' };

/** The case type of `<caseType>-<uuid>`. */
export function definitionOf(streamId: string): CaseTypeDefinition | undefined {
  const match = /^([a-z][a-z-]*)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.exec(streamId);
  return match ? CASE_TYPES.find((d) => d.caseType === match[1]) : undefined;
}

/** A case id of the given type, numbered so tests can tell cases apart. */
export const caseIdOf = (caseType: string, n: number) => `${caseType}-00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * Commands sent as the application sends them: the real case types, policy files and bank
 * holidays, parsed and handled by handleCommand. Nothing reaches the store any other way.
 */
export class AuditCasework {
  readonly policy: PolicyLookup;
  readonly calendar: WorkingDayCalendar;
  constructor(readonly store: EventStore) {
    this.policy = loadPolicyDirectory(join(ROOT, 'policy'), CASE_TYPES.map((d) => d.policy));
    this.calendar = loadBankHolidays(join(ROOT, 'policy', 'bank-holidays', 'england-and-wales.json'));
  }

  send(caseId: string, raw: DomainCommand, at: string, actor: Actor = ASB_OFFICER): Promise<CommandOutcome> {
    const definition = definitionOf(caseId);
    if (!definition) throw new Error(`no case type for ${caseId}`);
    return handleCommand(
      { store: this.store, definition, policy: this.policy, calendar: this.calendar },
      { caseId, command: parseCommand(definition, raw), actor, commandId: randomUUID(), correlationId: caseId, occurredAt: at },
    );
  }
}

export const asbReport = (incidentDate = '2026-03-01') => ({
  type: 'ReportAsb',
  data: {
    reportingAgency: 'tmbc',
    category: 'noise',
    victims: [{ kind: 'person', givenName: 'Jane', familyName: 'Doe', contact: { phone: '07700 900123' } }],
    location: { address: '12 Acacia Avenue, Tonbridge' },
    perpetrators: [{ perpetratorId: 'p1', description: 'Neighbour at number 14' }],
    firstIncident: { incidentId: 'i1', behaviourDate: incidentDate, reportedDate: incidentDate, description: 'Music until 3am' },
  },
});

export const incident = (incidentId: string, day: string) => ({
  type: 'LogIncident',
  data: { incidentId, behaviourDate: day, reportedDate: day, description: 'Shouting in the street', reportingAgency: 'tmbc' },
});

/** An ASB case opened on 2 March 2026 with `incidents` more incidents logged, one a day. */
export async function asbCaseWithIncidents(casework: AuditCasework, caseId: string, incidents: number): Promise<void> {
  await casework.send(caseId, asbReport(), '2026-03-02T10:00:00.000Z');
  for (let n = 0; n < incidents; n += 1) {
    const day = new Date(Date.UTC(2026, 2, 3 + n)).toISOString().slice(0, 10);
    await casework.send(caseId, incident(`i${n + 2}`, day), `${day}T11:00:00.000Z`);
  }
}

/** An ASB case from report to closure, escalated to the CPW/CPN case `escalationCaseId`. */
export async function asbLife(casework: AuditCasework, caseId: string, escalationCaseId: string): Promise<void> {
  const send = (command: DomainCommand, at: string) => casework.send(caseId, command, at);
  await send(asbReport('2026-03-01'), '2026-03-02T09:00:00.000Z');
  await send({ type: 'RecordRiskAssessment', data: { level: 'medium', answers: [{ question: 'Is the victim vulnerable?', answer: 'Lives alone' }] } }, '2026-03-02T14:00:00.000Z');
  await send({ type: 'AssignCase', data: { caseworkerId: 'officer-7', agency: 'tmbc' } }, '2026-03-02T15:00:00.000Z');
  await send({ type: 'StartInvestigation', data: {} }, '2026-03-03T10:00:00.000Z');
  await send(incident('i2', '2026-03-05'), '2026-03-05T10:00:00.000Z');
  await send(incident('i3', '2026-03-09'), '2026-03-09T10:00:00.000Z');
  await send({ type: 'IdentifyPerpetrator', data: { perpetrator: { perpetratorId: 'p2', description: 'Visitor at number 14' } } }, '2026-03-10T10:00:00.000Z');
  await send({ type: 'IssueWarningLetter', data: { perpetratorId: 'p1', summary: 'Stop the music after 11pm' } }, '2026-03-11T10:00:00.000Z');
  await send({ type: 'ReferToMediation', data: { mediationType: 'neighbour', provider: 'kent-mediation' } }, '2026-03-12T10:00:00.000Z');
  await send({ type: 'ReferToDiversionaryActivity', data: { perpetratorId: 'p2', activity: 'Youth boxing club', provider: 'tmbc-youth' } }, '2026-03-12T11:00:00.000Z');
  await send(
    { type: 'AgreeAbc', data: { outcome: 'signed', perpetratorId: 'p1', parties: [{ role: 'perpetrator', name: 'A Person' }, { role: 'council', name: 'Officer Seven' }], terms: 'No music after 11pm', reviewDate: '2026-06-12' } },
    '2026-03-13T10:00:00.000Z',
  );
  await send(
    { type: 'AgreeAbc', data: { outcome: 'refused-to-sign', perpetratorId: 'p2', parties: [{ role: 'perpetrator', name: 'B Person' }, { role: 'council', name: 'Officer Seven' }], reason: 'Denies being involved' } },
    '2026-03-13T11:00:00.000Z',
  );
  await send({ type: 'RecordMultiAgencyMeeting', data: { meetingDate: '2026-03-16', agencies: ['tmbc', 'kent-police'], summary: 'Agreed joint visits' } }, '2026-03-16T15:00:00.000Z');
  await send({ type: 'RecordProgressReview', data: { summary: 'Some improvement reported' } }, '2026-03-20T10:00:00.000Z');
  await send({ type: 'EscalateCase', data: { route: 'cpw-cpn', escalationCaseId, reason: 'Conduct continues after the warning letter' } }, '2026-03-23T10:00:00.000Z');
  await send({ type: 'ResolveCase', data: { resolutionSummary: 'Behaviour stopped after the CPN' } }, '2026-05-01T10:00:00.000Z');
  await send({ type: 'CloseCase', data: { outcome: 'behaviour-stopped', victimSatisfaction: 'satisfied' } }, '2026-05-04T10:00:00.000Z');
  await send({ type: 'ReopenCase', data: { reason: 'Music started again' } }, '2026-05-20T10:00:00.000Z');
  await send({ type: 'MarkRestricted', data: { reason: 'Witness fears reprisals' } }, '2026-05-20T11:00:00.000Z');
}

const ISSUER = { issuerType: 'council', issuerId: 'TMBC-ASB-1', name: 'Sam Okafor', agency: 'tmbc' } as const;
const limb = (note: string) => ({ met: true, note });

/** A CPW, a CPN, an appeal, breaches with fixed penalties, a prosecution and remedial action. */
export async function cpwCpnLife(casework: AuditCasework, caseId: string, asbCaseId: string): Promise<void> {
  const send = (command: DomainCommand, at: string) => casework.send(caseId, command, at);
  await send(
    { type: 'OpenEscalation', data: { recipient: { kind: 'individual', name: 'Alex Example', dateOfBirth: '1990-01-01', address: '14 Acacia Avenue' }, conduct: { narrative: 'Loud music most nights.' }, asbCaseId } },
    '2026-03-23T11:00:00.000Z',
  );
  await send(
    {
      type: 'IssueCpw',
      data: {
        issuer: ISSUER,
        s43Test: { detrimentalEffect: limb('Lost sleep.'), persistentOrContinuing: limb('Months.'), unreasonable: limb('After midnight.') },
        requirements: [
          { requirementId: 'R1', kind: 'stop', text: 'Stop amplified music after 11pm.' },
          { requirementId: 'R2', kind: 'do', text: 'Remove the garden speakers.' },
        ],
        timeToComply: { kind: 'days', days: 14 },
        statesCpnWillFollow: true,
      },
    },
    '2026-03-24T10:00:00.000Z',
  );
  await send({ type: 'RecordConductAfterWarning', data: { conductContinued: true, note: 'Neighbours still report music.' } }, '2026-04-09T10:00:00.000Z');
  await send({ type: 'IssueCpn', data: { issuer: ISSUER, requirementIds: ['R1', 'R2'], appropriateBodiesInformed: [{ body: 'kent-police', informedOn: '2026-04-09' }] } }, '2026-04-10T10:00:00.000Z');
  await send({ type: 'LodgeAppeal', data: { lodgedOn: '2026-04-20' } }, '2026-04-20T10:00:00.000Z');
  await send({ type: 'RecordAppealOutcome', data: { outcome: 'dismissed', decidedOn: '2026-05-11' } }, '2026-05-11T15:00:00.000Z');
  await send({ type: 'RecordBreach', data: { occurredOn: '2026-05-20', requirementIds: ['R1'], description: 'Music until 2am.' } }, '2026-05-21T10:00:00.000Z');
  await send({ type: 'IssueFpn', data: { breachNumber: 1, issuer: ISSUER } }, '2026-05-21T11:00:00.000Z');
  await send({ type: 'RecordFpnPayment', data: { breachNumber: 1, amountPence: 7500, paidOn: '2026-05-25' } }, '2026-05-25T10:00:00.000Z');
  await send({ type: 'RecordBreach', data: { occurredOn: '2026-06-10', requirementIds: ['R1'], description: 'Music until 3am.' } }, '2026-06-11T10:00:00.000Z');
  await send({ type: 'IssueFpn', data: { breachNumber: 2, issuer: ISSUER } }, '2026-06-11T11:00:00.000Z');
  await send({ type: 'RecordFpnUnpaid', data: { breachNumber: 2 } }, '2026-06-30T10:00:00.000Z');
  await send({ type: 'StartProsecution', data: { breachNumbers: [2], court: 'maidstone-magistrates' } }, '2026-07-01T10:00:00.000Z');
  await send(
    { type: 'RecordProsecutionOutcome', data: { result: 'guilty', prosecutionNumber: 1, decidedOn: '2026-08-03', charges: 5, finePerChargePence: 10000, costsPence: 8500, victimSurchargePence: 3000 } },
    '2026-08-03T15:00:00.000Z',
  );
  await send({ type: 'RecordRemedialAction', data: { carriedOutOn: '2026-08-10', description: 'Speakers removed by contractor', costPence: 25000 } }, '2026-08-10T15:00:00.000Z');
  await send({ type: 'CloseEscalation', data: { outcome: 'enforcement-concluded', note: 'Fine paid, music stopped' } }, '2026-09-01T10:00:00.000Z');
}

/** A Community Trigger application whose threshold is met by count, reviewed, appealed and closed. */
export async function communityTriggerLife(casework: AuditCasework, caseId: string): Promise<void> {
  const send = (command: DomainCommand, at: string) => casework.send(caseId, command, at);
  await send(
    {
      type: 'ReceiveApplication',
      data: {
        applicant: { relationship: 'councillor', name: 'Cllr Pat Lee', contact: { email: 'pat.lee@example.org' }, consent: { givenOn: '2026-03-02', form: 'written' } },
        victim: { kind: 'person', name: 'Alex Morgan' },
        complaints: ['2026-01-10', '2026-01-20', '2026-02-02'].map((day, i) => ({ complaintId: `C-${i + 1}`, behaviourDate: day, reportDate: day, reportedTo: 'tmbc', category: 'noise' })),
      },
    },
    '2026-03-02T10:00:00.000Z',
  );
  await send({ type: 'AcknowledgeApplication', data: { method: 'letter' } }, '2026-03-03T10:00:00.000Z');
  await send({ type: 'AssessThreshold', data: {} }, '2026-03-09T10:00:00.000Z');
  await send({ type: 'ScheduleReviewPanel', data: { panelDate: '2026-03-20' } }, '2026-03-10T10:00:00.000Z');
  await send(
    { type: 'RecordPanelOutcome', data: { recommendations: [{ recommendationId: 'R1', agency: 'tmbc', action: 'Install noise monitoring' }], summary: 'Panel reviewed the response' } },
    '2026-03-20T15:00:00.000Z',
  );
  await send({ type: 'InformApplicant', data: { method: 'letter', message: 'The outcome of your application' } }, '2026-03-23T10:00:00.000Z');
  await send({ type: 'LodgePccAppeal', data: { grounds: 'The panel ignored the noise diary' } }, '2026-03-25T10:00:00.000Z');
  await send({ type: 'RecordPccAppealOutcome', data: { outcome: 'not-upheld', findings: 'The review was adequate' } }, '2026-04-15T10:00:00.000Z');
  await send({ type: 'CloseApplication', data: {} }, '2026-04-16T10:00:00.000Z');
}

/** A high-risk domestic-abuse referral: Dash assessment, MARAC, an IDVA, contact and closure. */
export async function daReferralLife(casework: AuditCasework, caseId: string): Promise<void> {
  const send = (command: DomainCommand, at: string) => casework.send(caseId, command, at, IDVA_TRIAGE);
  await send(
    {
      type: 'ReceiveReferral',
      data: {
        source: 'police',
        referringAgency: 'kent-police',
        victim: { name: 'Alex Example', dateOfBirth: '1990-05-06', address: '1 Example Road, Tonbridge', gender: 'female' },
        perpetrator: { name: 'Sam Example', relationshipToVictim: 'former-partner' },
        childrenInHousehold: 1,
        incidentsInLast12Months: 2,
      },
    },
    '2026-03-02T09:00:00.000Z',
  );
  await send(
    { type: 'AssessRisk', data: { tool: { name: 'safelives-dash', version: '2009' }, answers: Array.from({ length: 24 }, (_, i) => (i < 15 ? 'yes' : 'no')) } },
    '2026-03-02T11:00:00.000Z',
  );
  await send({ type: 'RouteReferral', data: { route: 'marac', meetingDate: '2026-03-12', supportService: 'outreach' } }, '2026-03-02T12:00:00.000Z');
  await send({ type: 'AllocateIdva', data: { idvaId: 'idva-3', service: 'lookahead-idva' } }, '2026-03-02T13:00:00.000Z');
  await send({ type: 'RecordContactAttempt', data: { attemptedAt: '2026-03-02T14:00:00.000Z', method: 'phone', outcome: 'successful', notes: 'Safe to call after 6pm' } }, '2026-03-02T14:05:00.000Z');
  await send({ type: 'RestrictToNameAndAgencies', data: { reason: 'Perpetrator works at a partner agency' } }, '2026-03-03T10:00:00.000Z');
  await send({ type: 'CloseReferral', data: { outcome: 'engaged-and-safer', notes: 'Moved to a refuge' } }, '2026-04-20T10:00:00.000Z');
}

/** One case of every type, each through most of its life. Returns their ids. */
export async function everyCaseType(casework: AuditCasework, n = 1): Promise<{ asb: string; cpwCpn: string; communityTrigger: string; daReferral: string }> {
  const ids = {
    asb: caseIdOf('asb', n),
    cpwCpn: caseIdOf('cpw-cpn', n),
    communityTrigger: caseIdOf('community-trigger', n),
    daReferral: caseIdOf('da-referral', n),
  };
  await asbLife(casework, ids.asb, ids.cpwCpn);
  await cpwCpnLife(casework, ids.cpwCpn, ids.asb);
  await communityTriggerLife(casework, ids.communityTrigger);
  await daReferralLife(casework, ids.daReferral);
  return ids;
}
