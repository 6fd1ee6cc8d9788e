import { addDays, DomainCommand } from '@casetrail/workflow';
import { CaseTimeline } from './year-generator-casework';
import { runCpwCpnEscalation } from './year-generator-cpw-cpn';
import { ASB_OFFICER, GeneratorContext } from './year-generator-ledger';

const CATEGORY_WEIGHTS = {
  noise: 30,
  harassment: 12,
  'criminal-damage': 8,
  'drug-related': 8,
  'street-drinking': 5,
  'vehicle-related': 6,
  'neighbour-dispute': 10,
  'hate-related': 2,
  other: 3,
} as const;

// A borough's mediation service mostly takes neighbour disputes (DOMAIN.md: 21, 7 and 5 of 33).
const MEDIATION_WEIGHTS = { neighbour: 21, 'parent-and-teen': 7, 'anger-management': 5 } as const;

/**
 * One ASB case reported on `openedOn`: triage, usually an investigation, perhaps a warning
 * letter, mediation referrals and an escalation to a CPW/CPN, usually resolved and closed.
 */
export async function runAsbCase(ctx: GeneratorContext, openedOn: string): Promise<void> {
  const { casework, random, record } = ctx;
  const caseId = `asb-${random.uuid()}`;
  const timeline = new CaseTimeline(random);
  const send = (command: DomainCommand, on: string) => casework.send(caseId, command, timeline.at(on), ASB_OFFICER);
  const category = random.weighted(CATEGORY_WEIGHTS);
  const perpetratorKnown = random.chance(0.85);

  await send(
    {
      type: 'ReportAsb',
      data: {
        reportingAgency: random.weighted({ tmbc: 0.6, 'kent-police': 0.3, 'town-housing': 0.1 }),
        category,
        victims: [{ kind: 'person', givenName: 'Jane', familyName: 'Doe', contact: { phone: '07700 900123' } }],
        location: { address: '12 Mill Lane, Tonbridge' },
        perpetrators: perpetratorKnown ? [{ perpetratorId: 'p1', description: 'Resident of number 14' }] : [],
        firstIncident: { incidentId: 'i1', behaviourDate: addDays(openedOn, -random.int(0, 6)), reportedDate: openedOn, description: 'Music until 3am' },
      },
    },
    openedOn,
  );
  record({ what: 'asb-case-opened', on: openedOn, category });
  await send({ type: 'RecordRiskAssessment', data: { level: random.weighted({ standard: 0.6, medium: 0.3, high: 0.1 }), answers: [{ question: 'Is the victim vulnerable?', answer: 'Lives alone' }] } }, openedOn);
  if (!random.chance(0.92)) return; // left at triage: the report is all there is

  let day = addDays(openedOn, random.int(1, 3));
  await send({ type: 'StartInvestigation', data: {} }, day);
  for (let incident = 2; random.chance(0.3); incident += 1) {
    day = addDays(day, random.int(2, 20));
    await send({ type: 'LogIncident', data: { incidentId: `i${incident}`, behaviourDate: addDays(day, -random.int(0, 1)), reportedDate: day, description: 'Shouting in the street', reportingAgency: 'tmbc' } }, day);
  }
  if (perpetratorKnown && random.chance(0.4)) {
    day = addDays(day, random.int(1, 10));
    await send({ type: 'IssueWarningLetter', data: { perpetratorId: 'p1', summary: 'Stop the music after 11pm' } }, day);
  }
  for (let referrals = 0; random.chance(referrals === 0 ? 0.36 : 0.12); referrals += 1) {
    day = addDays(day, random.int(1, 14));
    const mediationType = random.weighted(MEDIATION_WEIGHTS);
    await send({ type: 'ReferToMediation', data: { mediationType, provider: 'kent-mediation' } }, day);
    record({ what: 'mediation-referred', on: day, mediationType });
  }
  if (perpetratorKnown && random.chance(0.13)) {
    day = addDays(day, random.int(3, 20));
    const escalationCaseId = `cpw-cpn-${random.uuid()}`;
    await send({ type: 'EscalateCase', data: { route: 'cpw-cpn', escalationCaseId, reason: 'Conduct continues after the warning letter' } }, day);
    await runCpwCpnEscalation(ctx, escalationCaseId, day, caseId);
  }
  if (!random.chance(0.75)) return;
  day = addDays(day, random.int(10, 60));
  await send({ type: 'ResolveCase', data: { resolutionSummary: 'Behaviour stopped' } }, day);
  if (!random.chance(0.9)) return;
  day = addDays(day, random.int(1, 10));
  await send({ type: 'CloseCase', data: { outcome: random.weighted({ 'behaviour-stopped': 0.5, 'behaviour-reduced': 0.3, 'no-further-action': 0.2 }), victimSatisfaction: 'satisfied' } }, day);
}
