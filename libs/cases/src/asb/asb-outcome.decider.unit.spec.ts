import { AsbCommand } from './asb.commands';
import {
  CLOSED_AT,
  CPW_CPN_CASE_ID,
  ESCALATED_AT,
  INJUNCTION_CASE_ID,
  RESOLVED_AT,
  closedCase,
  escalatedCase,
  investigatingCase,
  resolvedCase,
  reviewDeadlineId,
  spec,
  triagedCase,
} from './testing/asb-fixtures';

describe('ASB escalation, resolution, closure and reopening', () => {
  const escalate = (route: 'cpw-cpn' | 'injunction' | 'closure-order', escalationCaseId: string): AsbCommand => ({
    type: 'EscalateCase',
    data: { route, escalationCaseId, reason: 'Music continues after warning letter' },
  });

  describe('EscalateCase', () => {
    it('links an investigation to the new CPW/CPN case and moves it to escalated', () => {
      spec
        .given(investigatingCase)
        .when(escalate('cpw-cpn', CPW_CPN_CASE_ID), { now: ESCALATED_AT })
        .then([
          {
            type: 'CaseEscalated',
            data: { route: 'cpw-cpn', escalationCaseId: CPW_CPN_CASE_ID, reason: 'Music continues after warning letter', escalatedAt: ESCALATED_AT },
          },
        ]);
      expect(spec.given(escalatedCase).state.stage).toBe('escalated');
    });

    it.each([
      ['injunction', INJUNCTION_CASE_ID],
      ['closure-order', 'closure-order-5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d'],
    ] as const)('links an escalation by %s to %s', (route, escalationCaseId) => {
      spec
        .given(investigatingCase)
        .when(escalate(route, escalationCaseId), { now: ESCALATED_AT })
        .then((events) => expect(events).toMatchObject([{ type: 'CaseEscalated', data: { route, escalationCaseId } }]));
    });

    it.each([
      ['cpw-cpn', INJUNCTION_CASE_ID],
      ['injunction', CPW_CPN_CASE_ID],
      ['closure-order', 'closure-7b1e9d2c-4a5f-4e8b-a1c3-9d0f2e4b6a87'],
    ] as const)('refuses an escalation by %s linked to %s', (route, caseId) => {
      spec.given(investigatingCase).when(escalate(route, caseId), { now: ESCALATED_AT }).thenThrows('ASB_ESCALATION_CASE_DOES_NOT_MATCH_ROUTE', {
        route,
        escalationCaseId: caseId,
      });
    });

    it('records nothing when the same link is sent again', () => {
      spec.given(escalatedCase).when(escalate('cpw-cpn', CPW_CPN_CASE_ID), { now: ESCALATED_AT }).then([]);
    });

    it('takes a further route from an escalated case, keeping both links', () => {
      const events = spec
        .given(escalatedCase)
        .when(escalate('injunction', INJUNCTION_CASE_ID), { now: '2025-04-20T10:00:00Z' })
        .then((produced) => expect(produced).toHaveLength(1));
      expect(spec.given([...escalatedCase, ...events]).state).toMatchObject({
        stage: 'escalated',
        escalations: [{ escalationCaseId: CPW_CPN_CASE_ID }, { escalationCaseId: INJUNCTION_CASE_ID }],
      });
    });

    it('refuses escalation before the investigation starts', () => {
      spec.given(triagedCase).when(escalate('cpw-cpn', CPW_CPN_CASE_ID), { now: ESCALATED_AT }).thenThrows('ASB_COMMAND_NOT_ALLOWED_IN_STAGE', {
        stage: 'triaged',
      });
    });
  });

  describe('ResolveCase', () => {
    const resolve: AsbCommand = { type: 'ResolveCase', data: { resolutionSummary: 'Music stopped after mediation' } };

    it('resolves an investigation and cancels the open progress review', () => {
      spec
        .given(investigatingCase)
        .when(resolve, { now: RESOLVED_AT })
        .then([
          { type: 'CaseResolved', data: { resolutionSummary: 'Music stopped after mediation', resolvedAt: RESOLVED_AT } },
          { type: 'DeadlineCancelled', data: { deadlineId: reviewDeadlineId(1), reason: 'case resolved' } },
        ]);
    });

    it('resolves an escalated case', () => {
      spec.given(escalatedCase).when(resolve, { now: RESOLVED_AT }).then((events) => expect(events[0]?.type).toBe('CaseResolved'));
    });

    it('refuses to resolve a triaged case', () => {
      spec.given(triagedCase).when(resolve, { now: RESOLVED_AT }).thenThrows('ASB_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'triaged' });
    });
  });

  describe('CloseCase', () => {
    const close: AsbCommand = { type: 'CloseCase', data: { outcome: 'behaviour-stopped', victimSatisfaction: 'satisfied' } };

    it('closes a resolved case with its outcome and the victim satisfaction', () => {
      spec
        .given(resolvedCase)
        .when(close, { now: CLOSED_AT })
        .then([{ type: 'CaseClosed', data: { outcome: 'behaviour-stopped', victimSatisfaction: 'satisfied', closedAt: CLOSED_AT } }]);
      expect(spec.given(closedCase).state).toMatchObject({ stage: 'closed', closedAt: CLOSED_AT });
    });

    it('refuses to close an investigation that is not resolved', () => {
      spec.given(investigatingCase).when(close, { now: CLOSED_AT }).thenThrows('ASB_COMMAND_NOT_ALLOWED_IN_STAGE', {
        stage: 'investigating',
        command: 'CloseCase',
      });
    });
  });

  describe('ReopenCase', () => {
    const reopen: AsbCommand = { type: 'ReopenCase', data: { reason: 'Music started again' } };
    const reopenedAt = '2025-06-02T09:00:00Z';

    it('reopens a closed case into investigation with a new progress review', () => {
      const events = spec
        .given(closedCase)
        .when(reopen, { now: reopenedAt })
        .then([
          { type: 'CaseReopened', data: { reason: 'Music started again', reopenedAt } },
          {
            type: 'DeadlineScheduled',
            data: { deadlineId: reviewDeadlineId(2), rule: 'ASB_PROGRESS_REVIEW_DUE', dueAt: '2025-06-30T22:59:59.999Z', applied: { 'asb.reviewIntervalDays': 28 } },
          },
        ]);
      const reopened = spec.given([...closedCase, ...events]).state;
      expect(reopened).toMatchObject({ stage: 'investigating', reopenings: 1, risk: { level: 'medium' } });
      expect(reopened).not.toHaveProperty('closedAt');
    });

    it('refuses to reopen a case that is not closed', () => {
      spec.given(resolvedCase).when(reopen, { now: reopenedAt }).thenThrows('ASB_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'resolved' });
    });
  });
});
