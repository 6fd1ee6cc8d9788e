import { asbReport } from '../e2e/api-fixtures';

/** A valid POST /api/cases body's data for each case type, so commands have a case to reach. */
export const OPEN_BODIES: Record<string, { type: string; data: unknown }> = {
  asb: asbReport(),
  'cpw-cpn': {
    type: 'cpw-cpn',
    data: {
      recipient: { kind: 'individual', name: 'Alex Example', dateOfBirth: '1990-05-17', address: '12 Acacia Avenue, Tonbridge' },
      conduct: { narrative: 'Loud music from the garden most nights after 11pm.' },
    },
  },
  'community-trigger': {
    type: 'community-trigger',
    data: {
      applicant: { relationship: 'victim', name: 'Alex Morgan', contact: { phone: '01632 960001' } },
      victim: { kind: 'person', name: 'Alex Morgan' },
      complaints: [
        { complaintId: 'C-1', behaviourDate: '2026-01-10', reportDate: '2026-01-12', reportedTo: 'tmbc', category: 'noise' },
        { complaintId: 'C-2', behaviourDate: '2026-02-01', reportDate: '2026-02-02', reportedTo: 'tmbc', category: 'noise' },
        { complaintId: 'C-3', behaviourDate: '2026-02-20', reportDate: '2026-02-21', reportedTo: 'tmbc', category: 'noise' },
      ],
    },
  },
  'da-referral': {
    type: 'da-referral',
    data: {
      source: 'police',
      referringAgency: 'tmbc',
      victim: { name: 'Maria Example', dateOfBirth: '1990-05-17', address: '1 Example Road, Tonbridge', gender: 'female' },
      perpetrator: { name: 'Sam Example', relationshipToVictim: 'current-partner' },
      childrenInHousehold: 1,
      incidentsInLast12Months: 1,
    },
  },
};
