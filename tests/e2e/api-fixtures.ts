/** Request bodies for the API tests: a realistic ASB report and a DA referral. */
export const asbReport = (reportedDate = '2026-03-01') => ({
  type: 'asb',
  data: {
    reportingAgency: 'tmbc',
    category: 'noise',
    victims: [{ kind: 'person', givenName: 'Jane', familyName: 'Doe', contact: { phone: '07700 900123' } }],
    location: { address: '12 Acacia Avenue, Tonbridge' },
    perpetrators: [{ perpetratorId: 'p1', description: 'Neighbour at number 14, loud music at night' }],
    firstIncident: { incidentId: 'i1', behaviourDate: '2026-02-27', reportedDate, description: 'Music until 3am' },
  },
});

export const logIncident = (incidentId: string) => ({
  type: 'LogIncident',
  data: { incidentId, behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: 'Shouting in the street', reportingAgency: 'tmbc' },
});

export const riskAssessment = (level: 'standard' | 'medium' | 'high') => ({
  type: 'RecordRiskAssessment',
  data: { level, answers: [{ question: 'Is the victim vulnerable?', answer: 'No' }] },
});
