import { CommunityTriggerCommand } from './community-trigger.commands';
import { Complaint } from './community-trigger.schemas';
import {
  CASE_ID,
  complaint,
  eventOf,
  historyOf,
  notMetWithReasons,
  policyFromFile,
  receiveApplication,
  spec,
} from './community-trigger.test-support';

const RECEIVED = '2025-06-10T09:00:00Z';
const DECIDED = '2025-06-16T10:00:00Z';
const assess: CommunityTriggerCommand = { type: 'AssessThreshold', data: {} };
const metWithReasons: CommunityTriggerCommand = {
  type: 'AssessThreshold',
  data: { discretionaryDecision: { ...notMetWithReasons.data.discretionaryDecision, met: true } },
};

function receivedWith(complaints: Complaint[], now = RECEIVED, lookup = policyFromFile()) {
  return historyOf([[receiveApplication(complaints), now]], lookup).events;
}

/** `n` complaints in May 2025, each reported the day after the behaviour. */
const qualifying = (n: number, extra: Partial<Complaint> = {}) =>
  Array.from({ length: n }, (_, i) => {
    const day = (d: number) => `2025-05-${String(d).padStart(2, '0')}`;
    return complaint(day(i + 1), day(i + 2), extra);
  });

describe('community trigger: assessing the threshold by the count (s104(4))', () => {
  it('treats three qualifying complaints as meeting the threshold, meets the decision deadline and starts the panel clock', () => {
    const complaints = qualifying(3);
    spec()
      .given(receivedWith(complaints))
      .when(assess, { now: DECIDED })
      .then([
        {
          type: 'ThresholdAssessed',
          data: {
            decidedAt: DECIDED,
            decidedOn: '2025-06-16',
            decidedBy: { id: 'officer-1', agency: 'tmbc' },
            met: true,
            basis: 'count',
            thresholdUsed: 3,
            qualifyingComplaintIds: complaints.map((c) => c.complaintId),
            nonQualifying: [],
            localExtrasApplied: [],
            reviewPanelBy: '2025-07-14',
            applied: {
              'community-trigger.qualifyingComplaintsThreshold': 3,
              'community-trigger.complaintWindowMonths': 1,
              'community-trigger.applicationWindowMonths': 6,
              'community-trigger.localExtras': {
                distinctIndividuals: { enabled: true, count: 5, withinMonths: 6 },
                hateIncident: { enabled: true, count: 1 },
              },
              'community-trigger.panelWorkingDays': 20,
            },
          },
        },
        { type: 'DeadlineMet', data: { deadlineId: `${CASE_ID}/CT_THRESHOLD_DECISION`, metAt: DECIDED } },
        {
          type: 'DeadlineScheduled',
          data: {
            deadlineId: `${CASE_ID}/CT_REVIEW_PANEL`,
            rule: 'CT_REVIEW_PANEL',
            dueAt: '2025-07-14T22:59:59.999Z',
            applied: { 'community-trigger.panelWorkingDays': 20 },
          },
        },
      ]);
  });

  it('does not meet it by count with two qualifying complaints: the officers must decide', () => {
    spec()
      .given(receivedWith(qualifying(2)))
      .when(assess, { now: DECIDED })
      .thenThrows('CT_DISCRETIONARY_REASONS_REQUIRED', { qualifyingComplaints: 2, thresholdUsed: 3 });
  });

  it('uses a lower local threshold when the procedure sets one: two then meet it', () => {
    const local = policyFromFile({ qualifyingComplaintsThreshold: [{ effectiveFrom: '2025-04-01', value: 2 }] });
    spec(local)
      .given(receivedWith(qualifying(2), RECEIVED, local))
      .when(assess, { now: DECIDED })
      .then((events) =>
        expect(eventOf(events, 'ThresholdAssessed').data).toMatchObject({ met: true, basis: 'count', thresholdUsed: 2 }),
      );
  });

  it('applies the threshold in force on the day of the decision, and records it', () => {
    const local = policyFromFile({ qualifyingComplaintsThreshold: [{ effectiveFrom: '2025-06-17', value: 2 }] });
    const given = receivedWith(qualifying(2), RECEIVED, local);
    spec(local).given(given).when(assess, { now: DECIDED }).thenThrows('CT_DISCRETIONARY_REASONS_REQUIRED', { thresholdUsed: 3 });
    spec(local)
      .given(given)
      .when(assess, { now: '2025-06-17T10:00:00Z' })
      .then((events) =>
        expect(eventOf(events, 'ThresholdAssessed').data.applied).toMatchObject({
          'community-trigger.qualifyingComplaintsThreshold': 2,
        }),
      );
  });

  it('counts only qualifying complaints and records why the others do not qualify', () => {
    const late = complaint('2025-03-01', '2025-04-02', { complaintId: 'C-late' });
    const old = complaint('2024-12-01', '2024-12-02', { complaintId: 'C-old' });
    const complaints = [...qualifying(2), late, old];
    spec()
      .given(receivedWith(complaints))
      .when(notMetWithReasons, { now: DECIDED })
      .then((events) =>
        expect(eventOf(events, 'ThresholdAssessed').data).toMatchObject({
          qualifyingComplaintIds: [complaints[0]?.complaintId, complaints[1]?.complaintId],
          nonQualifying: [
            { complaintId: 'C-late', reasons: ['reported-more-than-the-complaint-window-after-the-behaviour'] },
            { complaintId: 'C-old', reasons: ['application-more-than-the-application-window-after-the-complaint'] },
          ],
        }),
      );
  });

  it.each([
    ['31 days later, on the same date next month', '2025-01-15', '2025-02-15', true],
    ['32 days later', '2025-01-15', '2025-02-16', false],
    ['28 days later across February, on the same date next month', '2025-02-15', '2025-03-15', true],
    ['29 days later across February', '2025-02-15', '2025-03-16', false],
    ['on 28 February for behaviour on 31 January', '2025-01-31', '2025-02-28', true],
    ['on 1 March for behaviour on 31 January', '2025-01-31', '2025-03-01', false],
  ])('a complaint made %s (behaviour %s, reported %s) qualifies: %s', (_label, behaviourDate, reportDate, qualifies) => {
    const boundary = complaint(behaviourDate, reportDate, { complaintId: 'C-boundary' });
    const others = [complaint('2025-01-02', '2025-01-03'), complaint('2025-01-05', '2025-01-06')];
    const given = receivedWith([...others, boundary], '2025-03-20T10:00:00Z');
    if (qualifies) {
      spec()
        .given(given)
        .when(assess, { now: '2025-03-24T10:00:00Z' })
        .then((events) => expect(eventOf(events, 'ThresholdAssessed').data).toMatchObject({ met: true, basis: 'count' }));
    } else {
      spec()
        .given(given)
        .when(assess, { now: '2025-03-24T10:00:00Z' })
        .thenThrows('CT_DISCRETIONARY_REASONS_REQUIRED', { qualifyingComplaints: 2 });
    }
  });

  it.each([
    ['on the same date six months after the complaint', '2025-07-15T10:00:00Z', true],
    ['the day after', '2025-07-16T10:00:00Z', false],
    ['at 23:30 UTC on the last day, already the next day in London (BST)', '2025-07-15T23:30:00Z', false],
  ])('an application received %s (%s) can rely on a complaint of 15 January: %s', (_label, receivedAt, qualifies) => {
    const complaints = [
      complaint('2025-01-14', '2025-01-15', { complaintId: 'C-january' }),
      complaint('2025-06-01', '2025-06-02'),
      complaint('2025-06-10', '2025-06-11'),
    ];
    const given = receivedWith(complaints, receivedAt);
    const when = spec().given(given).when(assess, { now: '2025-07-21T10:00:00Z' });
    if (qualifies) when.then((events) => expect(eventOf(events, 'ThresholdAssessed').data.met).toBe(true));
    else when.thenThrows('CT_DISCRETIONARY_REASONS_REQUIRED', { qualifyingComplaints: 2 });
  });
});

describe('community trigger: local extras (s104(5), local procedure)', () => {
  const individuals = (n: number, category = 'noise') =>
    Array.from({ length: n }, (_, i) =>
      complaint('2025-04-01', '2025-04-20', { complainantId: `P-${i + 1}`, category }),
    );

  // Reported more than a month after the behaviour, so only the extra can count them.
  const lateBy = (ids: (string | undefined)[], category: (i: number) => string = () => 'noise', reportDate = '2025-04-20') =>
    ids.map((id, i) =>
      complaint('2024-11-01', reportDate, { ...(id === undefined ? {} : { complainantId: id }), category: category(i) }),
    );

  it('records five distinct people complaining of the same kind of behaviour, beside the count that decides', () => {
    spec()
      .given(receivedWith(individuals(5)))
      .when(assess, { now: DECIDED })
      .then((events) =>
        expect(eventOf(events, 'ThresholdAssessed').data).toMatchObject({
          met: true,
          basis: 'count',
          localExtrasApplied: [{ extra: 'distinct-individuals', category: 'noise', individuals: 5 }],
        }),
      );
  });

  it('uses the distinct-individuals extra when no complaint qualifies by count (oldest on the last day of six months)', () => {
    const late = [...lateBy(['P-1', 'P-2', 'P-3', 'P-4']), ...lateBy(['P-5'], undefined, '2024-12-10')];
    spec()
      .given(receivedWith(late))
      .when(assess, { now: DECIDED })
      .then((events) =>
        expect(eventOf(events, 'ThresholdAssessed').data).toMatchObject({
          met: true,
          basis: 'local-extra',
          qualifyingComplaintIds: [],
          localExtrasApplied: [
            { extra: 'distinct-individuals', category: 'noise', individuals: 5, countUsed: 5, withinMonths: 6 },
          ],
        }),
      );
  });

  it.each([
    ['four distinct people', lateBy(['P-1', 'P-2', 'P-3', 'P-4'])],
    ['five complaints from four people', lateBy(['P-1', 'P-2', 'P-3', 'P-4', 'P-4'])],
    [
      'five people about different kinds of behaviour',
      lateBy(['P-1', 'P-2', 'P-3', 'P-4', 'P-5'], (i) => (i === 0 ? 'graffiti' : 'noise')),
    ],
    ['five complaints, one with no complainant recorded', lateBy(['P-1', 'P-2', 'P-3', 'P-4', undefined])],
    [
      'five people, one of them more than six months before',
      [...lateBy(['P-1', 'P-2', 'P-3', 'P-4']), ...lateBy(['P-5'], undefined, '2024-12-09')],
    ],
  ])('does not apply the distinct-individuals extra for %s', (_label, complaints) => {
    spec().given(receivedWith(complaints)).when(assess, { now: DECIDED }).thenThrows('CT_DISCRETIONARY_REASONS_REQUIRED');
  });

  it('does not apply the distinct-individuals extra when the procedure switches it off', () => {
    const off = policyFromFile({
      localExtras: [
        {
          effectiveFrom: '2025-01-01',
          value: { distinctIndividuals: { enabled: false, count: 5, withinMonths: 6 }, hateIncident: { enabled: true, count: 1 } },
        },
      ],
    });
    const late = lateBy(['P-1', 'P-2', 'P-3', 'P-4', 'P-5']);
    spec(off).given(receivedWith(late, RECEIVED, off)).when(assess, { now: DECIDED }).thenThrows('CT_DISCRETIONARY_REASONS_REQUIRED');
  });

  it('meets the threshold on one hate incident among the complaints', () => {
    spec()
      .given(receivedWith([complaint('2025-06-01', '2025-06-02', { complaintId: 'C-hate', hateIncident: true })]))
      .when(assess, { now: DECIDED })
      .then((events) =>
        expect(eventOf(events, 'ThresholdAssessed').data).toMatchObject({
          met: true,
          basis: 'local-extra',
          localExtrasApplied: [{ extra: 'hate-incident', complaintIds: ['C-hate'], countUsed: 1 }],
        }),
      );
  });

  it('does not count a hate incident reported more than six months before the application', () => {
    spec()
      .given(receivedWith([complaint('2024-12-01', '2024-12-09', { hateIncident: true })]))
      .when(assess, { now: DECIDED })
      .thenThrows('CT_DISCRETIONARY_REASONS_REQUIRED');
  });

  it('does not apply the hate-incident extra when the procedure switches it off', () => {
    const off = policyFromFile({
      localExtras: [
        {
          effectiveFrom: '2025-01-01',
          value: { distinctIndividuals: { enabled: true, count: 5, withinMonths: 6 }, hateIncident: { enabled: false, count: 1 } },
        },
      ],
    });
    spec(off)
      .given(receivedWith([complaint('2025-06-01', '2025-06-02', { hateIncident: true })], RECEIVED, off))
      .when(assess, { now: DECIDED })
      .thenThrows('CT_DISCRETIONARY_REASONS_REQUIRED');
  });

  it('records every extra that applied even when the count already decides', () => {
    const complaints = [...qualifying(2), complaint('2025-06-01', '2025-06-02', { complaintId: 'C-hate', hateIncident: true })];
    spec()
      .given(receivedWith(complaints))
      .when(assess, { now: DECIDED })
      .then((events) =>
        expect(eventOf(events, 'ThresholdAssessed').data).toMatchObject({
          basis: 'count',
          localExtrasApplied: [{ extra: 'hate-incident', complaintIds: ['C-hate'] }],
        }),
      );
  });
});

describe('community trigger: the officers’ discretion (s104(5))', () => {
  it('CT_DISCRETIONARY_REASONS_REQUIRED: refuses to decide without reasons when no rule meets the threshold', () => {
    spec()
      .given(receivedWith(qualifying(1)))
      .when(assess, { now: DECIDED })
      .thenThrows('CT_DISCRETIONARY_REASONS_REQUIRED', { qualifyingComplaints: 1, thresholdUsed: 3 });
  });

  it('records a discretionary "not met" with its reasons, meeting the decision deadline and starting no panel clock', () => {
    spec()
      .given(receivedWith(qualifying(2)))
      .when(notMetWithReasons, { now: DECIDED })
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['ThresholdAssessed', 'DeadlineMet']);
        const data = eventOf(events, 'ThresholdAssessed').data;
        expect(data).toMatchObject({
          met: false,
          basis: 'discretion',
          discretionaryDecision: notMetWithReasons.data.discretionaryDecision,
        });
        expect(data.reviewPanelBy).toBeUndefined();
      });
  });

  it('records a discretionary "met" and starts the review panel clock', () => {
    spec()
      .given(receivedWith(qualifying(2)))
      .when(metWithReasons, { now: DECIDED })
      .then((events) => {
        expect(eventOf(events, 'ThresholdAssessed').data).toMatchObject({
          met: true,
          basis: 'discretion',
          reviewPanelBy: '2025-07-14',
        });
        expect(events.map((e) => e.type)).toEqual(['ThresholdAssessed', 'DeadlineMet', 'DeadlineScheduled']);
      });
  });

  it('CT_DISCRETION_NOT_APPLICABLE: refuses a discretionary decision when the count meets the threshold', () => {
    spec()
      .given(receivedWith(qualifying(3)))
      .when(notMetWithReasons, { now: DECIDED })
      .thenThrows('CT_DISCRETION_NOT_APPLICABLE', { basis: 'count', qualifyingComplaints: 3 });
  });

  it('CT_DISCRETION_NOT_APPLICABLE: refuses a discretionary decision when a local extra meets the threshold', () => {
    spec()
      .given(receivedWith([complaint('2025-06-01', '2025-06-02', { hateIncident: true })]))
      .when(metWithReasons, { now: DECIDED })
      .thenThrows('CT_DISCRETION_NOT_APPLICABLE', { basis: 'local-extra' });
  });

  it('refuses a second assessment once the threshold is decided', () => {
    const { events } = historyOf([
      [receiveApplication(qualifying(3)), RECEIVED],
      [assess, DECIDED],
    ]);
    spec()
      .given(events)
      .when(assess, { now: '2025-06-17T10:00:00Z' })
      .thenThrows('CT_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'awaiting-review-panel', command: 'AssessThreshold' });
  });
});
