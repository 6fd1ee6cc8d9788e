import { deciderSpec } from '@casetrail/workflow/testing';
import { asbDecider } from './asb.decider';
import {
  CASE_ID,
  OPENED_AT,
  TRIAGE_DEADLINE_ID,
  asbPolicyLookup,
  asbReported,
  calendar,
  closedCase,
  incidentLogged,
  investigatingCase,
  logIncident,
  perpetratorSam,
  reportAsb,
  reportedCase,
  spec,
} from './testing/asb-fixtures';

describe('ASB intake', () => {
  describe('ReportAsb', () => {
    it('opens the case, logs the first incident and schedules triage within the policy hours', () => {
      spec
        .given([])
        .when(reportAsb(), { now: OPENED_AT })
        .then([
          asbReported(),
          incidentLogged(),
          {
            type: 'DeadlineScheduled',
            data: {
              deadlineId: TRIAGE_DEADLINE_ID,
              rule: 'ASB_TRIAGE_DUE',
              dueAt: '2025-03-11T09:00:00.000Z',
              applied: { 'asb.triageDueHours': 24 },
            },
          },
        ]);
    });

    it('takes the triage time from the policy in force, not from code', () => {
      const longerTriage = asbPolicyLookup({ triageDueHours: [{ effectiveFrom: '2025-01-01', value: 48 }] });
      deciderSpec(asbDecider, { caseId: CASE_ID, policy: longerTriage, calendar })
        .given([])
        .when(reportAsb(), { now: OPENED_AT })
        .then((events) =>
          expect(events.at(-1)).toMatchObject({
            data: { dueAt: '2025-03-12T09:00:00.000Z', applied: { 'asb.triageDueHours': 48 } },
          }),
        );
    });

    it('records the earlier cases the application matched as possible repeats', () => {
      const repeatOf = [{ caseId: 'asb-11111111-2222-4333-8444-555555555555', matchedOn: 'perpetrator' as const }];
      spec
        .given([])
        .when(reportAsb({ repeatOf }), { now: OPENED_AT })
        .then((events) => expect(events[0]).toEqual(asbReported({ repeatOf })));
    });

    it('accepts a complaint reported on the day of the behaviour', () => {
      spec
        .given([])
        .when(
          reportAsb({ firstIncident: { incidentId: 'i1', behaviourDate: '2025-03-10', reportedDate: '2025-03-10', description: 'Noise' } }),
          { now: OPENED_AT },
        )
        .then((events) => expect(events[1]).toMatchObject({ type: 'IncidentLogged', data: { reportedDate: '2025-03-10' } }));
    });

    it('refuses a complaint dated as reported the day before the behaviour', () => {
      spec
        .given([])
        .when(
          reportAsb({ firstIncident: { incidentId: 'i1', behaviourDate: '2025-03-10', reportedDate: '2025-03-09', description: 'Noise' } }),
          { now: OPENED_AT },
        )
        .thenThrows('ASB_INCIDENT_REPORTED_BEFORE_BEHAVIOUR', { incidentId: 'i1' });
    });

    it("accepts a complaint reported today as London counts it (23:30 UTC in summer is tomorrow's date)", () => {
      spec
        .given([])
        .when(
          reportAsb({ firstIncident: { incidentId: 'i1', behaviourDate: '2025-06-10', reportedDate: '2025-06-11', description: 'Noise' } }),
          { now: '2025-06-10T23:30:00Z' },
        )
        .then((events) => expect(events[0]?.type).toBe('AsbReported'));
    });

    it('refuses a complaint dated as reported after today', () => {
      spec
        .given([])
        .when(
          reportAsb({ firstIncident: { incidentId: 'i1', behaviourDate: '2025-03-10', reportedDate: '2025-03-11', description: 'Noise' } }),
          { now: OPENED_AT },
        )
        .thenThrows('ASB_INCIDENT_REPORTED_IN_FUTURE', { reportedDate: '2025-03-11', today: '2025-03-10' });
    });

    it('accepts an alleged perpetrator born today and refuses one born tomorrow', () => {
      const bornOn = (dateOfBirth: string) => reportAsb({ perpetrators: [{ ...perpetratorSam, dateOfBirth }] });
      spec.given([]).when(bornOn('2025-03-10'), { now: OPENED_AT }).then((events) => expect(events).toHaveLength(3));
      spec.given([]).when(bornOn('2025-03-11'), { now: OPENED_AT }).thenThrows('ASB_DATE_OF_BIRTH_IN_FUTURE', { perpetratorId: 'p-sam' });
    });

    it('refuses two alleged perpetrators under one id', () => {
      spec
        .given([])
        .when(reportAsb({ perpetrators: [perpetratorSam, { perpetratorId: 'p-sam', description: 'Tall man in a red coat' }] }), {
          now: OPENED_AT,
        })
        .thenThrows('ASB_PERPETRATOR_ID_REUSED', { perpetratorId: 'p-sam' });
    });

    it('refuses to report a case that is already open', () => {
      spec.given(reportedCase).when(reportAsb(), { now: OPENED_AT }).thenThrows('ASB_COMMAND_NOT_ALLOWED_IN_STAGE', {
        stage: 'reported',
        command: 'ReportAsb',
      });
    });

    it('refuses any other command before the case is reported', () => {
      spec.given([]).when(logIncident(), { now: OPENED_AT }).thenThrows('ASB_COMMAND_NOT_ALLOWED_IN_STAGE', {
        stage: 'not-reported',
        command: 'LogIncident',
      });
    });
  });

  describe('LogIncident and the Community Trigger qualifying complaint', () => {
    const at = { now: '2025-03-21T12:00:00Z' };

    it('logs a further incident from another agency in any open stage', () => {
      for (const history of [reportedCase, investigatingCase]) {
        spec
          .given(history)
          .when(logIncident(), at)
          .then((events) =>
            expect(events[0]).toEqual(
              incidentLogged({
                incidentId: 'i2',
                behaviourDate: '2025-03-20',
                reportedDate: '2025-03-21',
                description: 'Shouting in the street at midnight',
                reportingAgency: 'kent-police',
                loggedAt: at.now,
              }),
            ),
          );
      }
    });

    it.each([
      ['on the last day of the month beginning with the behaviour', true, '2025-01-10', '2025-02-09'],
      ['the day after that month', false, '2025-01-10', '2025-02-10'],
      ['on 28 February, when the month begins on 31 January', true, '2025-01-31', '2025-02-28'],
      ['on 1 March, when the month begins on 31 January', false, '2025-01-31', '2025-03-01'],
    ])('a complaint reported %s qualifies: %s', (_when, qualifies, behaviourDate, reportedDate) => {
      spec
        .given(reportedCase)
        .when(logIncident({ behaviourDate, reportedDate }), at)
        .then((events) => expect(events[0]).toMatchObject({ data: { qualifyingComplaint: qualifies, applied: { 'asb.complaintQualifyingMonths': 1 } } }));
    });

    it('treats the same incident sent again as a retry and records nothing', () => {
      spec.given([...reportedCase, incidentLogged({ ...logIncident().data, loggedAt: at.now })]).when(logIncident(), at).then([]);
    });

    it('refuses an incident id already used for another complaint', () => {
      spec.given(reportedCase).when(logIncident({ incidentId: 'i1' }), at).thenThrows('ASB_INCIDENT_ID_REUSED', { incidentId: 'i1' });
    });

    it('refuses a further incident reported before its behaviour or after today', () => {
      spec.given(reportedCase).when(logIncident({ reportedDate: '2025-03-19' }), at).thenThrows('ASB_INCIDENT_REPORTED_BEFORE_BEHAVIOUR');
      spec.given(reportedCase).when(logIncident({ reportedDate: '2025-03-22' }), at).thenThrows('ASB_INCIDENT_REPORTED_IN_FUTURE');
    });

    it('refuses incidents on a closed case: it must be reopened first', () => {
      spec.given(closedCase).when(logIncident(), { now: '2025-06-01T10:00:00Z' }).thenThrows('ASB_COMMAND_NOT_ALLOWED_IN_STAGE', {
        stage: 'closed',
      });
    });
  });

  describe('Case Review prompt at the second complaint within six months', () => {
    const second = (reportedDate: string) => logIncident({ behaviourDate: reportedDate, reportedDate });

    it('prompts on the last day of the six months beginning with the first complaint', () => {
      spec
        .given(reportedCase)
        .when(second('2025-09-09'), { now: '2025-09-09T10:00:00Z' })
        .then((events) =>
          expect(events[1]).toEqual({
            type: 'CaseReviewPromptRaised',
            data: {
              incidentIds: ['i1', 'i2'],
              raisedAt: '2025-09-09T10:00:00Z',
              applied: { 'asb.caseReviewPromptComplaints': 2, 'asb.caseReviewPromptMonths': 6 },
            },
          }),
        );
    });

    it('does not prompt when the second complaint falls after those six months', () => {
      spec
        .given(reportedCase)
        .when(second('2025-09-10'), { now: '2025-09-10T10:00:00Z' })
        .then((events) => expect(events.map((e) => e.type)).toEqual(['IncidentLogged']));
    });

    it('counts an incident logged late by the date it was reported, not logged', () => {
      const lateEarlierComplaint = logIncident({ incidentId: 'i0', behaviourDate: '2024-10-01', reportedDate: '2024-10-02' });
      spec
        .given(reportedCase)
        .when(lateEarlierComplaint, { now: '2025-03-21T10:00:00Z' })
        .then((events) => expect(events[1]).toMatchObject({ type: 'CaseReviewPromptRaised', data: { incidentIds: ['i0', 'i1'] } }));
    });

    it('prompts once per case', () => {
      const prompted = [
        ...reportedCase,
        incidentLogged({ incidentId: 'i2', reportedDate: '2025-03-21', behaviourDate: '2025-03-21' }),
        { type: 'CaseReviewPromptRaised' as const, data: { incidentIds: ['i1', 'i2'], raisedAt: '2025-03-21T10:00:00Z', applied: {} } },
      ];
      spec
        .given(prompted)
        .when(logIncident({ incidentId: 'i3' }), { now: '2025-03-21T12:00:00Z' })
        .then((events) => expect(events.map((e) => e.type)).toEqual(['IncidentLogged']));
    });

    it('takes the number of complaints from the policy in force', () => {
      const threeComplaints = asbPolicyLookup({ caseReviewPromptComplaints: [{ effectiveFrom: '2025-01-01', value: 3 }] });
      deciderSpec(asbDecider, { caseId: CASE_ID, policy: threeComplaints, calendar })
        .given(reportedCase)
        .when(second('2025-03-21'), { now: '2025-03-21T10:00:00Z' })
        .then((events) => expect(events.map((e) => e.type)).toEqual(['IncidentLogged']));
    });
  });

  describe('IdentifyPerpetrator', () => {
    const ali = { perpetratorId: 'p-ali', description: 'Teenager on an e-scooter', dateOfBirth: '2009-05-01' };
    const at = { now: '2025-03-21T12:00:00Z' };

    it('records an alleged perpetrator identified after intake', () => {
      spec
        .given(reportedCase)
        .when({ type: 'IdentifyPerpetrator', data: { perpetrator: ali } }, at)
        .then([{ type: 'PerpetratorIdentified', data: { perpetrator: ali, identifiedAt: at.now } }]);
    });

    it('treats the same person sent again as a retry, whatever the key order', () => {
      const sameSamReordered = { dateOfBirth: '2001-06-15', familyName: 'Jones', givenName: 'Sam', perpetratorId: 'p-sam' };
      spec.given(reportedCase).when({ type: 'IdentifyPerpetrator', data: { perpetrator: sameSamReordered } }, at).then([]);
    });

    it('refuses another person under a recorded id', () => {
      spec
        .given(reportedCase)
        .when({ type: 'IdentifyPerpetrator', data: { perpetrator: { ...ali, perpetratorId: 'p-sam' } } }, at)
        .thenThrows('ASB_PERPETRATOR_ID_REUSED', { perpetratorId: 'p-sam' });
    });

    it('refuses a date of birth after today', () => {
      spec
        .given(reportedCase)
        .when({ type: 'IdentifyPerpetrator', data: { perpetrator: { ...ali, dateOfBirth: '2025-03-22' } } }, at)
        .thenThrows('ASB_DATE_OF_BIRTH_IN_FUTURE', { perpetratorId: 'p-ali' });
    });
  });
});
