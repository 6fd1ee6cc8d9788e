/**
 * What happens to a case of each type, as the commands people send, in order, each with the
 * days after the case opened. Bodies are invented (no real person) and valid against the case
 * types' command schemas; a command the case's rules refuse at that point is skipped by the
 * template builder (case-templates.ts), so a rule change shortens a history rather than faking it.
 */
export interface ScriptedCommand {
  day: number;
  type: string;
  data: Record<string, unknown>;
}

const at = (day: number, type: string, data: Record<string, unknown> = {}): ScriptedCommand => ({ day, type, data });
const date = (opened: string, day: number) => new Date(Date.parse(opened) + day * 86_400_000).toISOString().slice(0, 10);

/** An ASB case: report, triage, investigation with `incidents` more incidents and the usual actions, then resolution. */
export function asbScript(opened: string, incidents: number, variant: number): ScriptedCommand[] {
  const script = [
    at(0, 'ReportAsb', {
      reportingAgency: 'tmbc',
      category: ['noise', 'street-drinking', 'hate-related'][variant % 3],
      victims: [{ kind: 'person', givenName: 'Jane', familyName: `Example${variant}`, contact: { phone: '07700 900123' } }],
      location: { address: `${variant + 1} Acacia Avenue, Tonbridge` },
      perpetrators: [{ perpetratorId: 'p1', description: 'Neighbour at number 14' }],
      firstIncident: { incidentId: 'i1', behaviourDate: date(opened, -1), reportedDate: date(opened, 0), description: 'Music until 3am' },
    }),
    at(0.2, 'RecordRiskAssessment', { level: ['standard', 'medium', 'high'][variant % 3], answers: [{ question: 'Is the victim vulnerable?', answer: 'No' }] }),
    at(0.3, 'AssignCase', { caseworkerId: `cw-${variant % 7}`, agency: 'tmbc' }),
    at(1, 'StartInvestigation'),
  ];
  for (let n = 2; n < incidents + 2; n += 1) {
    const day = 1 + n * 2;
    script.push(at(day, 'LogIncident', { incidentId: `i${n}`, behaviourDate: date(opened, day - 1), reportedDate: date(opened, day), description: 'Shouting in the street late at night', reportingAgency: n % 4 === 0 ? 'kent-police' : 'tmbc' }));
  }
  const later = 2 + incidents * 2;
  script.push(
    at(later + 1, 'IssueWarningLetter', { perpetratorId: 'p1', summary: 'Stop the noise after 11pm' }),
    at(later + 2, 'ReferToMediation', { mediationType: 'neighbour', provider: 'kent-mediation' }),
    at(later + 3, 'RecordMultiAgencyMeeting', { meetingDate: date(opened, later + 3), agencies: ['tmbc', 'kent-police'], summary: 'Agreed a joint visit' }),
    at(later + 20, 'RecordProgressReview', { summary: 'Monitoring; fewer reports' }),
    at(later + 40, 'ResolveCase', { resolutionSummary: 'Music stopped after the warning letter.' }),
    at(later + 45, 'CloseCase', { outcome: 'behaviour-stopped', victimSatisfaction: 'satisfied' }),
  );
  return script;
}

/** A domestic-abuse referral: received, Dash risk, routed to MARAC, IDVA, contact attempts, closed. */
export function daReferralScript(opened: string, variant: number): ScriptedCommand[] {
  return [
    at(0, 'ReceiveReferral', {
      source: 'police',
      referringAgency: 'kent-police',
      victim: { name: `Alex Example${variant}`, dateOfBirth: '1990-05-17', address: '1 Example Road, Tonbridge TN9 1AA', gender: 'female' },
      perpetrator: { name: 'Sam Example', relationshipToVictim: 'current-partner' },
      childrenInHousehold: variant % 3,
      incidentsInLast12Months: 1 + (variant % 4),
    }),
    at(0.1, 'AssessRisk', { tool: { name: 'safelives-dash', version: '2009' }, answers: Array.from({ length: 24 }, (_, i) => (i < 10 + (variant % 10) ? 'yes' : 'no')) }),
    at(0.2, 'RouteReferral', { route: 'marac', meetingDate: date(opened, 7), idva: { idvaId: `idva-${variant % 5}`, service: 'davss' } }),
    at(0.5, 'RecordContactAttempt', { attemptedAt: new Date(Date.parse(opened) + 0.5 * 86_400_000).toISOString(), method: 'phone', outcome: 'no-answer' }),
    at(1, 'RecordContactAttempt', { attemptedAt: new Date(Date.parse(opened) + 86_400_000).toISOString(), method: 'phone', outcome: 'successful' }),
    at(30, 'CloseReferral', { outcome: 'engaged-and-safer' }),
  ];
}

/** A Community Trigger application that meets the threshold and goes to a panel. */
export function communityTriggerScript(opened: string, variant: number): ScriptedCommand[] {
  return [
    at(0, 'ReceiveApplication', {
      applicant: { relationship: 'victim', name: `Alex Morgan${variant}`, contact: { phone: '01632 960001' } },
      victim: { kind: 'person', name: `Alex Morgan${variant}` },
      complaints: [-60, -40, -20].map((day, i) => ({ complaintId: `C-${i + 1}`, behaviourDate: date(opened, day), reportDate: date(opened, day), reportedTo: 'tmbc', category: 'noise' })),
    }),
    at(1, 'AcknowledgeApplication', { method: 'email' }),
    at(3, 'AssessThreshold'),
    at(5, 'ScheduleReviewPanel', { panelDate: date(opened, 20) }),
    at(20, 'RecordPanelOutcome', { recommendations: [{ recommendationId: 'R1', agency: 'tmbc', action: 'Noise monitoring for four weeks' }], summary: 'The panel recommends monitoring.' }),
    at(21, 'InformApplicant', { method: 'letter', message: 'The panel met and recommends noise monitoring.' }),
    at(60, 'CloseApplication', {}),
  ];
}

const council = { issuerType: 'council', issuerId: 'TMBC-ASB-3', name: 'Sam Okafor', agency: 'tmbc' };
const limb = (note: string) => ({ met: true, note });

/** A CPW that the recipient ignores, a CPN, a breach and a fixed penalty paid. */
export function cpwCpnScript(opened: string, variant: number): ScriptedCommand[] {
  return [
    at(0, 'OpenEscalation', {
      recipient: { kind: 'body', name: `Riverside Takeaway ${variant} Ltd`, registeredAddress: '4 High Street, Tonbridge' },
      conduct: { narrative: 'Waste left in the alley behind the shop every weekend.' },
    }),
    at(1, 'IssueCpw', {
      issuer: council,
      s43Test: { detrimentalEffect: limb('Neighbours report rats.'), persistentOrContinuing: limb('Every weekend for three months.'), unreasonable: limb('Bins are provided and unused.') },
      requirements: [{ requirementId: 'R1', kind: 'stop', text: 'Stop leaving waste in the alley.' }],
      timeToComply: { kind: 'days', days: 14 },
      statesCpnWillFollow: true,
    }),
    at(16, 'RecordConductAfterWarning', { conductContinued: true, note: 'Waste seen twice since.' }),
    at(17, 'IssueCpn', { issuer: council, requirementIds: ['R1'], appropriateBodiesInformed: [{ body: 'kent-police', informedOn: date(opened, 17) }] }),
    at(60, 'RecordBreach', { occurredOn: date(opened, 59), requirementIds: ['R1'], description: 'Waste left again on Saturday.' }),
    at(61, 'IssueFpn', { breachNumber: 1, issuer: council }),
    at(76, 'RecordFpnUnpaid', { breachNumber: 1 }),
    at(120, 'CloseEscalation', { outcome: 'cpn-complied-with' }),
  ];
}
