import { z } from 'zod';
import { isPersonal } from '@casetrail/workflow';
import { COMMUNITY_TRIGGER_COMMAND_SCHEMAS, CommunityTriggerCommandType } from './community-trigger.commands';
import {
  ApplicantSchema,
  ComplaintSchema,
  ContactSchema,
  DiscretionaryReasonsSchema,
  VictimSchema,
} from './community-trigger.schemas';

/** Every invalid field as a dotted path; a field the schema does not know counts as one. */
function invalidPaths(schema: z.ZodType, data: unknown): string[] {
  const result = schema.safeParse(data);
  if (result.success) return [];
  const paths = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')) : [issue.path.join('.')],
  );
  // A field can break more than one constraint; it is still one invalid field.
  return [...new Set(paths)].sort();
}

const long = (n: number) => 'x'.repeat(n);

const badData: Record<CommunityTriggerCommandType, { data: unknown; paths: string[] }> = {
  ReceiveApplication: {
    data: {
      applicant: {
        relationship: 'neighbour',
        name: '',
        contact: { email: 'not-an-email' },
        consent: { givenOn: '2025-02-30', form: 'fax' },
      },
      victim: { kind: 'charity', name: long(201) },
      complaints: [
        {
          complaintId: 'has space',
          behaviourDate: '10/05/2025',
          reportDate: '2025-05-11',
          reportedTo: 'Police HQ',
          category: 'noise',
          hateIncident: 'yes',
          asbIncident: { asbCaseId: '', incidentId: 'I-1' },
        },
      ],
      priority: 'high',
    },
    paths: [
      'applicant.consent.form',
      'applicant.consent.givenOn',
      'applicant.contact.email',
      'applicant.name',
      'applicant.relationship',
      'complaints.0.asbIncident.asbCaseId',
      'complaints.0.behaviourDate',
      'complaints.0.complaintId',
      'complaints.0.hateIncident',
      'complaints.0.reportedTo',
      'priority',
      'victim.kind',
      'victim.name',
    ],
  },
  AcknowledgeApplication: { data: { method: 'carrier-pigeon', by: 'me' }, paths: ['by', 'method'] },
  AssessThreshold: {
    data: { discretionaryDecision: { met: 'yes', reasons: { persistence: '', harm: long(4001) } } },
    paths: [
      'discretionaryDecision.met',
      'discretionaryDecision.reasons.adequacyOfResponse',
      'discretionaryDecision.reasons.harm',
      'discretionaryDecision.reasons.persistence',
    ],
  },
  ScheduleReviewPanel: { data: { panelDate: '2026-13-01', venue: 'Town Hall' }, paths: ['panelDate', 'venue'] },
  RecordPanelOutcome: {
    data: { recommendations: [{ recommendationId: 'R 1', agency: 'Housing', action: '', targetDate: 'soon' }], summary: '' },
    paths: [
      'recommendations.0.action',
      'recommendations.0.agency',
      'recommendations.0.recommendationId',
      'recommendations.0.targetDate',
      'summary',
    ],
  },
  InformApplicant: { data: { method: 'sms', message: long(8001) }, paths: ['message', 'method'] },
  LodgePccAppeal: { data: { grounds: '   ' }, paths: ['grounds'] },
  RecordPccAppealOutcome: { data: { outcome: 'dismissed', findings: 42 }, paths: ['findings', 'outcome'] },
  CloseApplication: { data: { note: '', reason: 'done' }, paths: ['note', 'reason'] },
  ExpireDeadline: { data: { deadlineId: '', dueAt: '2026-01-15' }, paths: ['deadlineId', 'dueAt'] },
};

describe('community trigger command schemas', () => {
  it.each(Object.entries(badData))('%s refuses bad data, naming each invalid field', (type, { data, paths }) => {
    expect(invalidPaths(COMMUNITY_TRIGGER_COMMAND_SCHEMAS[type as CommunityTriggerCommandType], data)).toEqual(paths);
  });

  it('refuses an application that relies on no complaint', () => {
    const data = {
      applicant: { relationship: 'victim', name: 'Alex Morgan', contact: {} },
      victim: { kind: 'person', name: 'Alex Morgan' },
      complaints: [],
    };
    expect(invalidPaths(COMMUNITY_TRIGGER_COMMAND_SCHEMAS.ReceiveApplication, data)).toEqual(['complaints']);
    expect(
      invalidPaths(COMMUNITY_TRIGGER_COMMAND_SCHEMAS.ReceiveApplication, {
        ...data,
        complaints: [
          { complaintId: 'C-1', behaviourDate: '2025-05-10', reportDate: '2025-05-11', reportedTo: 'tmbc', category: 'noise' },
        ],
      }),
    ).toEqual([]);
  });

  it('marks names, contacts and narratives as personal data for crypto-shredding', () => {
    const personalFields = [
      ApplicantSchema.shape.name,
      VictimSchema.shape.name,
      ContactSchema.shape.address,
      ContactSchema.shape.phone,
      ContactSchema.shape.email,
      ContactSchema.shape.email.unwrap(),
      DiscretionaryReasonsSchema.shape.persistence,
      COMMUNITY_TRIGGER_COMMAND_SCHEMAS.InformApplicant.shape.message,
      COMMUNITY_TRIGGER_COMMAND_SCHEMAS.LodgePccAppeal.shape.grounds,
    ];
    expect(personalFields.map((schema) => isPersonal(schema))).toEqual(personalFields.map(() => true));
    expect(isPersonal(ComplaintSchema.shape.behaviourDate)).toBe(false);
    expect(isPersonal(ComplaintSchema.shape.category)).toBe(false);
  });
});
