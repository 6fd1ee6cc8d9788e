import { isPersonal } from '@casetrail/workflow';
import { ASB_COMMAND_SCHEMAS, AsbCommandType } from './asb.commands';
import { Location, OrganisationVictim, Perpetrator, PersonVictim } from './asb-parts.schema';
import { AsbReportedData } from './asb.events';
import { logIncident, reportAsb } from './testing/asb-fixtures';

function issuePaths(type: AsbCommandType, data: unknown): string[] {
  const result = ASB_COMMAND_SCHEMAS[type].safeParse(data);
  expect(result.success).toBe(false);
  const issues = result.success ? [] : result.error.issues;
  // Unknown keys are shown as `{key}` beside the object's path; a field failing two checks is listed once.
  const paths = issues.map((issue) => (issue.code === 'unrecognized_keys' ? `${issue.path.join('.')}{${issue.keys.join(',')}}` : issue.path.join('.')));
  return [...new Set(paths)].sort();
}

describe('ASB command schemas', () => {
  it('accept the commands the specs send', () => {
    expect(ASB_COMMAND_SCHEMAS.ReportAsb.safeParse(reportAsb().data).success).toBe(true);
    expect(ASB_COMMAND_SCHEMAS.LogIncident.safeParse(logIncident().data).success).toBe(true);
  });

  it.each<[AsbCommandType, unknown, string[]]>([
    [
      'ReportAsb',
      {
        reportingAgency: 'TMBC',
        category: 'loud-music',
        victims: [{ kind: 'person', givenName: 'Jane', familyName: '', contact: { phone: '1' } }],
        location: {},
        perpetrators: [{ perpetratorId: 'p 1', description: 'Man' }],
        firstIncident: { incidentId: 'i1', behaviourDate: '2025-02-30', reportedDate: '10/03/2025', description: 'Noise' },
        repeatOf: [{ caseId: 'asb-42', matchedOn: 'victim' }],
        priority: 'high',
      },
      [
        '{priority}',
        'category',
        'firstIncident.behaviourDate',
        'firstIncident.reportedDate',
        'location.address',
        'perpetrators.0.perpetratorId',
        'repeatOf.0.caseId',
        'reportingAgency',
        'victims.0.contact.phone',
        'victims.0.familyName',
      ],
    ],
    ['ReportAsb', { ...reportAsb().data, victims: [] }, ['victims']],
    ['ReportAsb', { ...reportAsb().data, victims: [{ kind: 'charity', name: 'Food bank', contact: {} }] }, ['victims.0.kind']],
    ['ReportAsb', { ...reportAsb().data, perpetrators: [{ perpetratorId: 'p1', givenName: 'Sam' }] }, ['perpetrators.0.familyName']],
    ['LogIncident', { incidentId: '', behaviourDate: '2025-03-01', reportedDate: '2025-03-02', description: 'x'.repeat(4001) }, ['description', 'incidentId', 'reportingAgency']],
    ['IdentifyPerpetrator', { perpetrator: { perpetratorId: 'p2', description: 'Man', dateOfBirth: '2001-13-01' } }, ['perpetrator.dateOfBirth']],
    ['RecordRiskAssessment', { level: 'very-high', answers: [] }, ['answers', 'level']],
    ['RecordRiskAssessment', { level: 'high', answers: [{ question: '', answer: 'Yes' }] }, ['answers.0.question']],
    ['AssignCase', { caseworkerId: '', agency: 'Kent Police' }, ['agency', 'caseworkerId']],
    ['StartInvestigation', { urgent: true }, ['{urgent}']],
    ['RecordProgressReview', { summary: '   ' }, ['summary']],
    ['MarkRestricted', {}, ['reason']],
    ['IssueWarningLetter', { perpetratorId: 'p-sam' }, ['summary']],
    ['AgreeAbc', { outcome: 'signed', perpetratorId: 'p-sam', parties: [{ role: 'perpetrator', name: 'Sam' }], terms: 'No music' }, ['parties', 'reviewDate']],
    ['AgreeAbc', { outcome: 'maybe', perpetratorId: 'p-sam', parties: [] }, ['outcome']],
    ['ReferToMediation', { mediationType: 'family', provider: 'kent-mediation' }, ['mediationType']],
    ['ReferToDiversionaryActivity', { perpetratorId: 'p-sam', activity: '', provider: '' }, ['activity', 'provider']],
    ['RecordMultiAgencyMeeting', { meetingDate: '2025-3-20', agencies: ['tmbc'], summary: 'Met' }, ['agencies', 'meetingDate']],
    ['EscalateCase', { route: 'cbo', escalationCaseId: 'cpw-cpn-123', reason: 'Persistent' }, ['escalationCaseId', 'route']],
    ['ResolveCase', { resolutionSummary: '' }, ['resolutionSummary']],
    ['CloseCase', { outcome: 'sorted', victimSatisfaction: 'happy' }, ['outcome', 'victimSatisfaction']],
    ['ReopenCase', { reason: 'x'.repeat(2001) }, ['reason']],
    ['ExpireDeadline', { deadlineId: '', dueAt: 'tomorrow' }, ['deadlineId', 'dueAt']],
  ])('%s refuses bad data, naming each invalid field', (type, data, paths) => {
    expect(issuePaths(type, data)).toEqual([...paths].sort());
  });

  it('marks names, contact details, addresses, dates of birth and narratives as personal', () => {
    const personShape = PersonVictim.shape;
    const incident = ASB_COMMAND_SCHEMAS.LogIncident.shape;
    expect([personShape.givenName, personShape.familyName, personShape.contact.shape.phone, personShape.contact.shape.address].every(isPersonal)).toBe(true);
    expect(isPersonal(OrganisationVictim.shape.contactName)).toBe(true);
    expect(isPersonal(incident.description)).toBe(true);
    expect(isPersonal(incident.behaviourDate)).toBe(false);
    expect(isPersonal(ASB_COMMAND_SCHEMAS.ReopenCase.shape.reason)).toBe(true);
    expect(AsbReportedData.shape.location).toBe(Location);
    expect(isPersonal(Location.shape.address) && isPersonal(Location.shape.description)).toBe(true);
    expect(isPersonal(Perpetrator.shape.dateOfBirth) && isPersonal(Perpetrator.shape.familyName)).toBe(true);
  });
});
