import { addDays, DomainCommand } from '@casetrail/workflow';
import { atLondon, Casework } from './year-generator-casework';
import { ASB_OFFICER, CT_COORDINATOR, DA_TRIAGE } from './year-generator-ledger';

/** The year DOMAIN.md's borough publishes (its annual plan), scripted command by command. */
export const PUBLISHED_YEAR = { from: '2025-04-01', to: '2026-03-31' };

let caseNumber = 0;
/** Case ids numbered in the order the script opens them. */
const nextCaseId = (caseType: string) => `${caseType}-00000000-0000-4000-8000-${(++caseNumber).toString(16).padStart(12, '0')}`;
const council = { issuerType: 'council', issuerId: 'TMBC-ASB-1', name: 'Sam Okafor', agency: 'tmbc' };
const at10 = (on: string) => atLondon(on, 10);

/**
 * DOMAIN.md's figures, made through the command path: 84 ASB cases with 33 mediation referrals
 * (21 neighbour, 7 parent-and-teen, 5 anger management); 8 CPWs and 4 CPNs, one prosecuted for
 * five breaches (guilty to 5 charges, 100 GBP each, 85 GBP costs, 30 GBP victim surcharge); 2
 * Community Trigger applications, neither meeting the threshold; 276 domestic-abuse referrals
 * (248 standard or medium risk, 28 high; 268 female, 8 male victims) and 245 the year before.
 */
export async function scriptPublishedYear(casework: Casework): Promise<void> {
  await asbCases(casework);
  await escalations(casework);
  await communityTriggerApplications(casework);
  await daReferrals(casework);
}

async function asbCases(casework: Casework): Promise<void> {
  for (let i = 0; i < 84; i += 1) {
    const caseId = nextCaseId('asb');
    const openedOn = addDays('2025-04-02', i * 4);
    const send = (command: DomainCommand, on: string) => casework.send(caseId, command, at10(on), ASB_OFFICER);
    await send(
      {
        type: 'ReportAsb',
        data: {
          reportingAgency: 'tmbc',
          category: i % 3 === 0 ? 'noise' : 'neighbour-dispute',
          victims: [{ kind: 'person', givenName: 'Jane', familyName: 'Doe', contact: {} }],
          location: { address: '12 Mill Lane, Tonbridge' },
          perpetrators: [],
          firstIncident: { incidentId: 'i1', behaviourDate: openedOn, reportedDate: openedOn, description: 'Music until 3am' },
        },
      },
      openedOn,
    );
    if (i >= 33) continue;
    await send({ type: 'RecordRiskAssessment', data: { level: 'standard', answers: [{ question: 'Is the victim vulnerable?', answer: 'No' }] } }, openedOn);
    await send({ type: 'StartInvestigation', data: {} }, addDays(openedOn, 1));
    const mediationType = i < 21 ? 'neighbour' : i < 28 ? 'parent-and-teen' : 'anger-management';
    await send({ type: 'ReferToMediation', data: { mediationType, provider: 'kent-mediation' } }, addDays(openedOn, 3));
  }
}

async function escalations(casework: Casework): Promise<void> {
  for (let j = 0; j < 8; j += 1) {
    const caseId = nextCaseId('cpw-cpn');
    const send = (command: DomainCommand, on: string) => casework.send(caseId, command, at10(on), ASB_OFFICER);
    const openedOn = addDays('2025-05-01', j * 30);
    await send(
      {
        type: 'OpenEscalation',
        data: { recipient: { kind: 'individual', name: 'Alex Example', dateOfBirth: '1990-05-17', address: '12 Acacia Avenue' }, conduct: { narrative: 'Loud music at night' } },
      },
      openedOn,
    );
    const cpwOn = addDays(openedOn, 1);
    const limb = { met: true, note: 'Recorded by the officer' };
    await send(
      {
        type: 'IssueCpw',
        data: {
          issuer: council,
          s43Test: { detrimentalEffect: limb, persistentOrContinuing: limb, unreasonable: limb },
          requirements: [{ requirementId: 'R1', kind: 'stop', text: 'Stop playing music after 11pm.' }],
          timeToComply: { kind: 'days', days: 14 },
          statesCpnWillFollow: true,
        },
      },
      cpwOn,
    );
    const reviewedOn = addDays(cpwOn, 15);
    const continued = j < 4;
    await send({ type: 'RecordConductAfterWarning', data: { conductContinued: continued, note: 'Checked with neighbours' } }, reviewedOn);
    if (!continued) continue;
    await send({ type: 'IssueCpn', data: { issuer: council, requirementIds: ['R1'], appropriateBodiesInformed: [{ body: 'kent-police', informedOn: reviewedOn }] } }, reviewedOn);
    if (j === 0) await prosecutionForFiveBreaches(send, reviewedOn);
  }
}

async function prosecutionForFiveBreaches(send: (command: DomainCommand, on: string) => Promise<unknown>, cpnOn: string): Promise<void> {
  for (let b = 1; b <= 5; b += 1) {
    const occurredOn = addDays(cpnOn, b * 10);
    await send({ type: 'RecordBreach', data: { occurredOn, requirementIds: ['R1'], description: 'Music until 2am' } }, occurredOn);
  }
  const startedOn = addDays(cpnOn, 55);
  await send({ type: 'StartProsecution', data: { breachNumbers: [1, 2, 3, 4, 5], court: 'maidstone-magistrates' } }, startedOn);
  const decidedOn = addDays(startedOn, 30);
  await send(
    {
      type: 'RecordProsecutionOutcome',
      data: { result: 'guilty', prosecutionNumber: 1, decidedOn, charges: 5, finePerChargePence: 10_000, costsPence: 8_500, victimSurchargePence: 3_000 },
    },
    decidedOn,
  );
}

async function communityTriggerApplications(casework: Casework): Promise<void> {
  for (const [receivedOn, complaints] of [['2025-06-10', 1], ['2025-11-12', 2]] as const) {
    const caseId = nextCaseId('community-trigger');
    const send = (command: DomainCommand, on: string) => casework.send(caseId, command, at10(on), CT_COORDINATOR);
    await send(
      {
        type: 'ReceiveApplication',
        data: {
          applicant: { relationship: 'victim', name: 'Alex Morgan', contact: {} },
          victim: { kind: 'person', name: 'Alex Morgan' },
          complaints: Array.from({ length: complaints }, (_, n) => {
            const behaviourDate = addDays(receivedOn, -30 * (n + 1));
            return { complaintId: `C-${n + 1}`, behaviourDate, reportDate: behaviourDate, reportedTo: 'tmbc', category: 'noise' };
          }),
        },
      },
      receivedOn,
    );
    const reasons = { persistence: 'Two incidents a month apart', harm: 'No vulnerability', adequacyOfResponse: 'Visited within two days' };
    await send({ type: 'AssessThreshold', data: { discretionaryDecision: { met: false, reasons } } }, addDays(receivedOn, 7));
  }
}

async function daReferrals(casework: Casework): Promise<void> {
  for (let i = 0; i < 245; i += 1) await receiveReferral(casework, addDays('2024-04-01', Math.floor((i * 365) / 245)), 'female');
  for (let i = 0; i < 276; i += 1) {
    const receivedOn = addDays('2025-04-01', Math.floor((i * 365) / 276));
    // The year's first referral comes in at 00:20 on 1 April (BST): 31 March in UTC.
    const caseId = await receiveReferral(casework, receivedOn, i % 35 === 7 ? 'male' : 'female', i === 0 ? 0 : 10);
    const yes = i >= 248 ? 16 : i % 3 === 0 ? 11 : 3; // high, medium, standard by the Dash cut-offs
    const answers = Array.from({ length: 24 }, (_, n) => (n < yes ? 'yes' : 'no'));
    await casework.send(caseId, { type: 'AssessRisk', data: { tool: { name: 'safelives-dash', version: '2009' }, answers } }, atLondon(receivedOn, 14), DA_TRIAGE);
  }
}

async function receiveReferral(casework: Casework, receivedOn: string, gender: 'female' | 'male', hour = 10): Promise<string> {
  const caseId = nextCaseId('da-referral');
  await casework.send(
    caseId,
    {
      type: 'ReceiveReferral',
      data: {
        source: 'police',
        referringAgency: 'kent-police',
        victim: { name: 'Alex Example', dateOfBirth: '1990-05-17', address: '1 Example Road', gender },
        perpetrator: { name: 'Sam Example', relationshipToVictim: 'current-partner' },
        childrenInHousehold: 0,
        incidentsInLast12Months: 1,
      },
    },
    atLondon(receivedOn, hour, 20),
    DA_TRIAGE,
  );
  return caseId;
}
