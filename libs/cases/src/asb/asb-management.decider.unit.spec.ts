import { AsbEvent } from './asb.events';
import {
  FIRST_REVIEW_DUE_AT,
  INVESTIGATION_STARTED_AT,
  RISK_ANSWERS,
  TRIAGE_DEADLINE_ID,
  TRIAGE_DUE_AT,
  TRIAGED_AT,
  closedCase,
  escalatedCase,
  investigatingCase,
  reportedCase,
  resolvedCase,
  reviewDeadlineId,
  spec,
  triagedCase,
} from './testing/asb-fixtures';

describe('ASB triage and case management', () => {
  describe('RecordRiskAssessment', () => {
    it('triages a reported case: keeps the level, answers and assessor, and meets the triage deadline', () => {
      spec
        .given(reportedCase)
        .when({ type: 'RecordRiskAssessment', data: { level: 'medium', answers: RISK_ANSWERS } }, { now: TRIAGED_AT })
        .then([
          {
            type: 'RiskAssessed',
            data: {
              level: 'medium',
              previousLevel: null,
              answers: RISK_ANSWERS,
              assessedBy: { id: 'officer-1', agency: 'tmbc' },
              assessedAt: TRIAGED_AT,
            },
          },
          { type: 'DeadlineMet', data: { deadlineId: TRIAGE_DEADLINE_ID, metAt: TRIAGED_AT } },
        ]);
      expect(spec.given(triagedCase).state).toMatchObject({ stage: 'triaged', risk: { level: 'medium' } });
    });

    it('can be repeated later: the new level is recorded with the one it replaces, in the same stage', () => {
      const reassessedAt = '2025-03-20T10:00:00Z';
      const events = spec
        .given(investigatingCase)
        .when({ type: 'RecordRiskAssessment', data: { level: 'high', answers: RISK_ANSWERS } }, { now: reassessedAt })
        .then((produced) => expect(produced).toMatchObject([{ type: 'RiskAssessed', data: { level: 'high', previousLevel: 'medium' } }]));
      expect(spec.given([...investigatingCase, ...events]).state).toMatchObject({ stage: 'investigating', risk: { level: 'high', assessedAt: reassessedAt } });
    });

    it('triage after the deadline was missed still triages, and leaves the miss on record', () => {
      const missed: AsbEvent[] = [
        ...reportedCase,
        { type: 'DeadlineMissed', data: { deadlineId: TRIAGE_DEADLINE_ID, rule: 'ASB_TRIAGE_DUE', dueAt: TRIAGE_DUE_AT, missedAt: TRIAGE_DUE_AT } },
      ];
      spec
        .given(missed)
        .when({ type: 'RecordRiskAssessment', data: { level: 'standard', answers: RISK_ANSWERS } }, { now: '2025-03-12T09:00:00Z' })
        .then((events) => expect(events.map((e) => e.type)).toEqual(['RiskAssessed']));
    });
  });

  describe('ExpireDeadline (triage)', () => {
    const expire = { type: 'ExpireDeadline' as const, data: { deadlineId: TRIAGE_DEADLINE_ID, dueAt: TRIAGE_DUE_AT } };

    it('records the triage deadline as missed once its time has come', () => {
      spec
        .given(reportedCase)
        .when(expire, { now: TRIAGE_DUE_AT })
        .then([{ type: 'DeadlineMissed', data: { deadlineId: TRIAGE_DEADLINE_ID, rule: 'ASB_TRIAGE_DUE', dueAt: TRIAGE_DUE_AT, missedAt: TRIAGE_DUE_AT } }]);
    });

    it('does nothing a millisecond early, or once the case was triaged', () => {
      spec.given(reportedCase).when(expire, { now: '2025-03-11T08:59:59.999Z' }).then([]);
      spec.given(triagedCase).when(expire, { now: '2025-03-12T09:00:00Z' }).then([]);
    });

    it('is accepted in every stage, even before a report and after closure', () => {
      spec.given([]).when(expire, { now: TRIAGE_DUE_AT }).then([]);
      spec.given(closedCase).when(expire, { now: '2025-06-01T00:00:00Z' }).then([]);
    });
  });

  describe('AssignCase', () => {
    const assign = (caseworkerId: string, agency: string) => ({ type: 'AssignCase' as const, data: { caseworkerId, agency } });
    const at = { now: '2025-03-10T10:00:00Z' };

    it('assigns a caseworker and agency, then reassigns, recording who had it', () => {
      const first = spec.given(reportedCase).when(assign('cw-7', 'tmbc'), at).then([
        { type: 'CaseAssigned', data: { caseworkerId: 'cw-7', agency: 'tmbc', previousAssignee: null, assignedAt: at.now } },
      ]);
      spec
        .given([...reportedCase, ...first])
        .when(assign('pc-12', 'kent-police'), at)
        .then([
          {
            type: 'CaseAssigned',
            data: { caseworkerId: 'pc-12', agency: 'kent-police', previousAssignee: { caseworkerId: 'cw-7', agency: 'tmbc' }, assignedAt: at.now },
          },
        ]);
    });

    it('does nothing when the case already has that caseworker', () => {
      const assigned = spec.given(reportedCase).when(assign('cw-7', 'tmbc'), at).then(() => undefined);
      spec.given([...reportedCase, ...assigned]).when(assign('cw-7', 'tmbc'), at).then([]);
    });

    it('is refused once the case is closed', () => {
      spec.given(closedCase).when(assign('cw-7', 'tmbc'), at).thenThrows('ASB_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'closed', command: 'AssignCase' });
    });
  });

  describe('StartInvestigation and progress reviews', () => {
    it('starts the investigation of a triaged case and schedules the first review by the end of day 28 (London time)', () => {
      spec
        .given(triagedCase)
        .when({ type: 'StartInvestigation', data: {} }, { now: INVESTIGATION_STARTED_AT })
        .then([
          { type: 'InvestigationStarted', data: { startedAt: INVESTIGATION_STARTED_AT } },
          {
            type: 'DeadlineScheduled',
            data: {
              deadlineId: reviewDeadlineId(1),
              rule: 'ASB_PROGRESS_REVIEW_DUE',
              dueAt: '2025-04-09T22:59:59.999Z',
              applied: { 'asb.reviewIntervalDays': 28 },
            },
          },
        ]);
      expect(FIRST_REVIEW_DUE_AT).toBe('2025-04-09T22:59:59.999Z');
    });

    it('refuses to start an investigation before triage', () => {
      spec
        .given(reportedCase)
        .when({ type: 'StartInvestigation', data: {} }, { now: INVESTIGATION_STARTED_AT })
        .thenThrows('ASB_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'reported', command: 'StartInvestigation' });
    });

    it('records a progress review, meets its deadline and schedules the next one', () => {
      const reviewedAt = '2025-04-08T14:00:00Z';
      spec
        .given(investigatingCase)
        .when({ type: 'RecordProgressReview', data: { summary: 'Noise diary returned; warning letter planned' } }, { now: reviewedAt })
        .then([
          { type: 'ProgressReviewed', data: { reviewNumber: 1, summary: 'Noise diary returned; warning letter planned', reviewedAt } },
          { type: 'DeadlineMet', data: { deadlineId: reviewDeadlineId(1), metAt: reviewedAt } },
          {
            type: 'DeadlineScheduled',
            data: { deadlineId: reviewDeadlineId(2), rule: 'ASB_PROGRESS_REVIEW_DUE', dueAt: '2025-05-06T22:59:59.999Z', applied: { 'asb.reviewIntervalDays': 28 } },
          },
        ]);
    });

    it('keeps reviewing an escalated case, and not a resolved one', () => {
      const review = { type: 'RecordProgressReview' as const, data: { summary: 'CPW issued, monitoring' } };
      spec.given(escalatedCase).when(review, { now: '2025-04-08T14:00:00Z' }).then((events) => expect(events[0]?.type).toBe('ProgressReviewed'));
      spec.given(resolvedCase).when(review, { now: '2025-05-02T14:00:00Z' }).thenThrows('ASB_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'resolved' });
    });
  });

  describe('MarkRestricted', () => {
    const mark = { type: 'MarkRestricted' as const, data: { reason: 'Victim is a council employee' } };

    it('restricts an open or closed case once; marking it again changes nothing', () => {
      const at = { now: '2025-03-10T11:00:00Z' };
      const marked = spec.given(reportedCase).when(mark, at).then([{ type: 'CaseMarkedRestricted', data: { reason: 'Victim is a council employee', markedAt: at.now } }]);
      spec.given([...reportedCase, ...marked]).when(mark, at).then([]);
      spec.given(closedCase).when(mark, { now: '2025-06-01T10:00:00Z' }).then((events) => expect(events).toHaveLength(1));
    });
  });
});
