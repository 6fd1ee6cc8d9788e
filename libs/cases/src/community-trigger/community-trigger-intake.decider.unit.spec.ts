import { MissingBankHolidayYearError } from '@casetrail/workflow';
import { communityTriggerDecider } from './community-trigger.decider';
import {
  CASE_ID,
  complaint,
  contextAt,
  historyOf,
  notMetWithReasons,
  policyFromFile,
  receiveApplication,
  spec,
} from './community-trigger.test-support';

const ACK = `${CASE_ID}/CT_ACKNOWLEDGEMENT`;
const DECISION = `${CASE_ID}/CT_THRESHOLD_DECISION`;

const threeComplaints = () => [
  complaint('2025-05-01', '2025-05-02'),
  complaint('2025-05-10', '2025-05-12'),
  complaint('2025-05-20', '2025-05-21'),
];

describe('community trigger: receiving an application', () => {
  it('records the application and schedules the acknowledgement and threshold decision in working days', () => {
    const complaints = threeComplaints();
    spec()
      .given([])
      .when(receiveApplication(complaints), { now: '2025-06-10T09:00:00Z' })
      .then([
        {
          type: 'ApplicationReceived',
          data: {
            receivedAt: '2025-06-10T09:00:00Z',
            receivedOn: '2025-06-10',
            applicant: { relationship: 'victim', name: 'Alex Morgan', contact: { phone: '01632 960001' } },
            victim: { kind: 'person', name: 'Alex Morgan' },
            complaints,
          },
        },
        {
          type: 'DeadlineScheduled',
          data: {
            deadlineId: ACK,
            rule: 'CT_ACKNOWLEDGEMENT',
            dueAt: '2025-06-17T22:59:59.999Z',
            applied: { 'community-trigger.ackWorkingDays': 5 },
          },
        },
        {
          type: 'DeadlineScheduled',
          data: {
            deadlineId: DECISION,
            rule: 'CT_THRESHOLD_DECISION',
            dueAt: '2025-06-24T22:59:59.999Z',
            applied: { 'community-trigger.decisionWorkingDays': 10 },
          },
        },
      ]);
  });

  it('skips the Easter bank holiday weekend when counting working days (received Maundy Thursday 2026)', () => {
    spec()
      .given([])
      .when(receiveApplication(threeComplaints()), { now: '2026-04-02T10:00:00+01:00' })
      .then((events) => {
        const due = events.filter((e) => e.type === 'DeadlineScheduled').map((e) => e.data);
        // Good Friday 3 April and Easter Monday 6 April are not working days.
        expect(due).toEqual([
          expect.objectContaining({ rule: 'CT_ACKNOWLEDGEMENT', dueAt: '2026-04-13T22:59:59.999Z' }),
          expect.objectContaining({ rule: 'CT_THRESHOLD_DECISION', dueAt: '2026-04-20T22:59:59.999Z' }),
        ]);
      });
  });

  it('skips Christmas, the substitute Boxing Day and New Year across the year end (received 23 December 2026)', () => {
    spec()
      .given([])
      .when(receiveApplication([complaint('2026-12-01', '2026-12-02')]), { now: '2026-12-23T15:00:00Z' })
      .then((events) => {
        const ack = events.find((e) => e.type === 'DeadlineScheduled' && e.data.rule === 'CT_ACKNOWLEDGEMENT');
        // 24 Dec, 29, 30, 31 Dec, then 4 Jan 2027: 25 and 28 Dec and 1 Jan are bank holidays.
        expect(ack?.data).toMatchObject({ dueAt: '2027-01-04T23:59:59.999Z' });
      });
  });

  it('takes the received date from the London calendar, not UTC', () => {
    spec()
      .given([])
      .when(receiveApplication([complaint('2025-06-20', '2025-06-21')]), { now: '2025-06-30T23:30:00Z' })
      .then((events) => expect(events[0]?.data).toMatchObject({ receivedOn: '2025-07-01' }));
  });

  it('applies the working-day policy in force on the day of receipt', () => {
    const changed = policyFromFile({
      ackWorkingDays: [{ effectiveFrom: '2026-03-02', value: 3, source: 'Local procedure revision' }],
    });
    spec(changed)
      .given([])
      .when(receiveApplication([complaint('2026-02-02', '2026-02-03')]), { now: '2026-02-27T12:00:00Z' })
      .then((events) =>
        expect(events[1]?.data).toMatchObject({
          dueAt: '2026-03-06T23:59:59.999Z',
          applied: { 'community-trigger.ackWorkingDays': 5 },
        }),
      );
    spec(changed)
      .given([])
      .when(receiveApplication([complaint('2026-02-02', '2026-02-03')]), { now: '2026-03-02T12:00:00Z' })
      .then((events) =>
        expect(events[1]?.data).toMatchObject({
          dueAt: '2026-03-05T23:59:59.999Z',
          applied: { 'community-trigger.ackWorkingDays': 3 },
        }),
      );
  });

  it('refuses to guess working days in a year with no bank holiday data', () => {
    const state = communityTriggerDecider.initialState();
    // Five working days from Christmas Eve 2027 run into 2028, which the calendar does not hold.
    expect(() =>
      communityTriggerDecider.decide(
        receiveApplication([complaint('2027-12-01', '2027-12-02')]),
        state,
        contextAt('2027-12-24T10:00:00Z'),
      ),
    ).toThrow(MissingBankHolidayYearError);
  });

  it.each(['person', 'business', 'community-group'] as const)('accepts an application for a %s', (kind) => {
    spec()
      .given([])
      .when(receiveApplication(threeComplaints(), { victim: { kind, name: 'Victim' } }), { now: '2025-06-10T09:00:00Z' })
      .then((events) => expect(events[0]?.type).toBe('ApplicationReceived'));
  });

  describe('CT_CONSENT_REQUIRED', () => {
    it.each(['family-member', 'carer', 'councillor', 'mp', 'other'] as const)(
      'refuses an application made by relationship %s without the victim’s consent',
      (relationship) => {
        spec()
          .given([])
          .when(
            receiveApplication(threeComplaints(), {
              applicant: { relationship, name: 'Cllr Jo Patel', contact: { email: 'jo.patel@example.org' } },
            }),
            { now: '2025-06-10T09:00:00Z' },
          )
          .thenThrows('CT_CONSENT_REQUIRED', { relationship });
      },
    );

    it('accepts an application on the victim’s behalf with consent recorded', () => {
      spec()
        .given([])
        .when(
          receiveApplication(threeComplaints(), {
            applicant: {
              relationship: 'councillor',
              name: 'Cllr Jo Patel',
              contact: { email: 'jo.patel@example.org' },
              consent: { givenOn: '2025-06-09', form: 'written' },
            },
          }),
          { now: '2025-06-10T09:00:00Z' },
        )
        .then((events) => expect(events[0]?.data).toMatchObject({ applicant: { relationship: 'councillor' } }));
    });
  });

  describe('CT_COMPLAINT_REPORTED_BEFORE_BEHAVIOUR', () => {
    it('accepts a complaint reported on the day of the behaviour', () => {
      spec()
        .given([])
        .when(receiveApplication([complaint('2025-05-10', '2025-05-10')]), { now: '2025-06-10T09:00:00Z' })
        .then((events) => expect(events).toHaveLength(3));
    });

    it('refuses a complaint dated the day before the behaviour it reports', () => {
      spec()
        .given([])
        .when(receiveApplication([complaint('2025-05-10', '2025-05-09', { complaintId: 'C-early' })]), {
          now: '2025-06-10T09:00:00Z',
        })
        .thenThrows('CT_COMPLAINT_REPORTED_BEFORE_BEHAVIOUR', { complaintId: 'C-early' });
    });
  });

  describe('CT_COMPLAINT_AFTER_APPLICATION', () => {
    it('accepts a complaint made on the day the application is received', () => {
      spec()
        .given([])
        .when(receiveApplication([complaint('2025-06-09', '2025-06-10')]), { now: '2025-06-10T09:00:00Z' })
        .then((events) => expect(events).toHaveLength(3));
    });

    it('refuses a complaint dated after the day the application is received', () => {
      spec()
        .given([])
        .when(receiveApplication([complaint('2025-06-09', '2025-06-11', { complaintId: 'C-late' })]), {
          now: '2025-06-10T09:00:00Z',
        })
        .thenThrows('CT_COMPLAINT_AFTER_APPLICATION', { complaintId: 'C-late', receivedOn: '2025-06-10' });
    });
  });

  it('CT_DUPLICATE_COMPLAINT: refuses a complaint listed twice, which would count twice', () => {
    spec()
      .given([])
      .when(
        receiveApplication([
          complaint('2025-05-01', '2025-05-02', { complaintId: 'C-same' }),
          complaint('2025-05-10', '2025-05-12', { complaintId: 'C-same' }),
        ]),
        { now: '2025-06-10T09:00:00Z' },
      )
      .thenThrows('CT_DUPLICATE_COMPLAINT', { complaintId: 'C-same' });
  });

  describe('CT_COMMAND_NOT_ALLOWED_IN_STAGE', () => {
    it('refuses a second application on the same case', () => {
      const { events } = historyOf([[receiveApplication(threeComplaints()), '2025-06-10T09:00:00Z']]);
      spec()
        .given(events)
        .when(receiveApplication(threeComplaints()), { now: '2025-06-11T09:00:00Z' })
        .thenThrows('CT_COMMAND_NOT_ALLOWED_IN_STAGE', {
          stage: 'awaiting-threshold-decision',
          command: 'ReceiveApplication',
        });
    });

    it('refuses to acknowledge or assess before an application is received', () => {
      spec()
        .given([])
        .when({ type: 'AcknowledgeApplication', data: { method: 'letter' } }, { now: '2025-06-10T09:00:00Z' })
        .thenThrows('CT_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'not-received', command: 'AcknowledgeApplication' });
      spec()
        .given([])
        .when({ type: 'AssessThreshold', data: {} }, { now: '2025-06-10T09:00:00Z' })
        .thenThrows('CT_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'not-received', command: 'AssessThreshold' });
    });
  });
});

describe('community trigger: acknowledging an application', () => {
  const received = () => historyOf([[receiveApplication(threeComplaints()), '2025-06-10T09:00:00Z']]).events;

  it('meets the acknowledgement deadline', () => {
    spec()
      .given(received())
      .when({ type: 'AcknowledgeApplication', data: { method: 'email' } }, { now: '2025-06-12T11:00:00Z' })
      .then([
        { type: 'ApplicationAcknowledged', data: { acknowledgedAt: '2025-06-12T11:00:00Z', method: 'email' } },
        { type: 'DeadlineMet', data: { deadlineId: ACK, metAt: '2025-06-12T11:00:00Z' } },
      ]);
  });

  it('treats a second acknowledgement as a no-op', () => {
    const { events } = historyOf([
      [receiveApplication(threeComplaints()), '2025-06-10T09:00:00Z'],
      [{ type: 'AcknowledgeApplication', data: { method: 'email' } }, '2025-06-12T11:00:00Z'],
    ]);
    spec()
      .given(events)
      .when({ type: 'AcknowledgeApplication', data: { method: 'letter' } }, { now: '2025-06-13T11:00:00Z' })
      .then([]);
  });

  it('can still acknowledge after the threshold decision, without meeting a deadline already missed', () => {
    const { events } = historyOf([
      [receiveApplication([complaint('2025-05-01', '2025-05-02')]), '2025-06-10T09:00:00Z'],
      [{ type: 'ExpireDeadline', data: { deadlineId: ACK, dueAt: '2025-06-17T22:59:59.999Z' } }, '2025-06-18T00:00:00Z'],
      [notMetWithReasons, '2025-06-18T10:00:00Z'],
    ]);
    spec()
      .given(events)
      .when({ type: 'AcknowledgeApplication', data: { method: 'letter' } }, { now: '2025-06-19T11:00:00Z' })
      .then([{ type: 'ApplicationAcknowledged', data: { acknowledgedAt: '2025-06-19T11:00:00Z', method: 'letter' } }]);
  });

  it('records the acknowledgement deadline as missed once it has passed unacknowledged', () => {
    const dueAt = '2025-06-17T22:59:59.999Z';
    const expire = { type: 'ExpireDeadline', data: { deadlineId: ACK, dueAt } } as const;
    spec()
      .given(received())
      .when(expire, { now: '2025-06-17T23:00:00Z' })
      .then([
        {
          type: 'DeadlineMissed',
          data: { deadlineId: ACK, rule: 'CT_ACKNOWLEDGEMENT', dueAt, missedAt: '2025-06-17T23:00:00Z' },
        },
      ]);
    spec().given(received()).when(expire, { now: '2025-06-17T22:00:00Z' }).then([]);
  });
});
