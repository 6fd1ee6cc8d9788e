/**
 * Command bodies for read-model tests, valid against the case types' schemas. Names and
 * addresses are invented; repeat-index tests vary them.
 */

export function reportAsb(
  options: { victim?: [string, string]; address?: string; perpetrator?: { givenName?: string; familyName: string; dateOfBirth?: string }; reportedDate?: string } = {},
) {
  const [givenName, familyName] = options.victim ?? ['Jane', 'Doe'];
  const reportedDate = options.reportedDate ?? '2026-03-01';
  return {
    type: 'ReportAsb',
    data: {
      reportingAgency: 'tmbc',
      category: 'noise',
      victims: [{ kind: 'person', givenName, familyName, contact: {} }],
      location: { address: options.address ?? '12 Acacia Avenue, Tonbridge' },
      perpetrators: options.perpetrator
        ? [{ perpetratorId: 'p1', ...options.perpetrator }]
        : [{ perpetratorId: 'p1', description: 'Neighbour at number 14' }],
      firstIncident: { incidentId: 'i1', behaviourDate: reportedDate, reportedDate, description: 'Music until 3am' },
    },
  };
}

export const logIncident = (incidentId: string, reportedDate: string) => ({
  type: 'LogIncident',
  data: { incidentId, behaviourDate: reportedDate, reportedDate, description: 'Shouting in the street', reportingAgency: 'tmbc' },
});

export const assessAsbRisk = (level: 'standard' | 'medium' | 'high') => ({
  type: 'RecordRiskAssessment',
  data: { level, answers: [{ question: 'Is the victim vulnerable?', answer: 'No' }] },
});

export const assignCase = (caseworkerId: string, agency = 'tmbc') => ({ type: 'AssignCase', data: { caseworkerId, agency } });
export const startInvestigation = { type: 'StartInvestigation', data: {} };
export const resolveCase = { type: 'ResolveCase', data: { resolutionSummary: 'Music stopped after the warning letter.' } };
export const closeCase = { type: 'CloseCase', data: { outcome: 'behaviour-stopped', victimSatisfaction: 'satisfied' } };
export const markRestricted = { type: 'MarkRestricted', data: { reason: 'Witness at risk' } };

export const expireDeadline = (deadlineId: string, dueAt: string) => ({ type: 'ExpireDeadline', data: { deadlineId, dueAt } });

// --- CPW -> CPN ---------------------------------------------------------------------------

const council = { issuerType: 'council', issuerId: 'TMBC-ASB-3', name: 'Sam Okafor', agency: 'tmbc' };
const limb = (note: string) => ({ met: true, note });

export const openEscalation = {
  type: 'OpenEscalation',
  data: {
    recipient: { kind: 'body', name: 'Riverside Takeaway Ltd', registeredAddress: '4 High Street, Tonbridge' },
    conduct: { narrative: 'Waste left in the alley behind the shop every weekend.' },
  },
};

export const issueCpw = (days: number) => ({
  type: 'IssueCpw',
  data: {
    issuer: council,
    s43Test: {
      detrimentalEffect: limb('Neighbours report rats.'),
      persistentOrContinuing: limb('Every weekend for three months.'),
      unreasonable: limb('Bins are provided and unused.'),
    },
    requirements: [{ requirementId: 'R1', kind: 'stop', text: 'Stop leaving waste in the alley.' }],
    timeToComply: { kind: 'days', days },
    statesCpnWillFollow: true,
  },
});

export const conductContinued = { type: 'RecordConductAfterWarning', data: { conductContinued: true, note: 'Waste seen twice since.' } };

export const issueCpn = (informedOn: string) => ({
  type: 'IssueCpn',
  data: { issuer: council, requirementIds: ['R1'], appropriateBodiesInformed: [{ body: 'kent-police', informedOn }] },
});

export const lodgeAppeal = (lodgedOn: string) => ({ type: 'LodgeAppeal', data: { lodgedOn } });

// --- Domestic-abuse referral --------------------------------------------------------------

export function receiveReferral(
  options: { victim?: string; victimDateOfBirth?: string; perpetrator?: string; referringAgency?: string; lastMaracReferralDate?: string } = {},
) {
  return {
    type: 'ReceiveReferral',
    data: {
      source: 'police',
      referringAgency: options.referringAgency ?? 'kent-police',
      victim: {
        name: options.victim ?? 'Alex Example',
        dateOfBirth: options.victimDateOfBirth ?? '1990-05-17',
        address: '1 Example Road, Tonbridge TN9 1AA',
        gender: 'female',
      },
      perpetrator: { name: options.perpetrator ?? 'Sam Example', relationshipToVictim: 'current-partner' },
      childrenInHousehold: 0,
      incidentsInLast12Months: 1,
      ...(options.lastMaracReferralDate ? { lastMaracReferralDate: options.lastMaracReferralDate } : {}),
    },
  };
}

/** A Dash checklist with `yes` yes-answers out of 24. */
export const assessDaRisk = (yes: number) => ({
  type: 'AssessRisk',
  data: { tool: { name: 'safelives-dash', version: '2009' }, answers: Array.from({ length: 24 }, (_, i) => (i < yes ? 'yes' : 'no')) },
});

export const referToMarac = (meetingDate: string, idvaId = 'idva-7') => ({
  type: 'RouteReferral',
  data: { route: 'marac', meetingDate, idva: { idvaId, service: 'davss' } },
});

// --- Community Trigger --------------------------------------------------------------------

export const receiveApplication = (complaintDates: string[]) => ({
  type: 'ReceiveApplication',
  data: {
    applicant: { relationship: 'victim', name: 'Alex Morgan', contact: { phone: '01632 960001' } },
    victim: { kind: 'person', name: 'Alex Morgan' },
    complaints: complaintDates.map((date, i) => ({
      complaintId: `C-${i + 1}`,
      behaviourDate: date,
      reportDate: date,
      reportedTo: 'tmbc',
      category: 'noise',
    })),
  },
});

export const assessThreshold = { type: 'AssessThreshold', data: {} };
