import { DecisionContext, DomainRuleError, cancelOpenDeadlines } from '@casetrail/workflow';
import { z } from 'zod';
import { UUID_PATTERN } from './asb-parts.schema';
import { scheduleNextProgressReview } from './asb-progress-review';
import { CloseCaseData, EscalateCaseData, ReopenCaseData, ResolveCaseData } from './asb.commands';
import { AsbEvent } from './asb.events';
import { ReportedAsbState } from './asb.state';

/** Escalation to another case, resolution, closure and reopening. */

export function decideEscalateCase(data: z.infer<typeof EscalateCaseData>, state: ReportedAsbState, context: DecisionContext): AsbEvent[] {
  const { route, escalationCaseId } = data;
  // The application opens the escalation case in the same request; its stream id names its type.
  if (!new RegExp(`^${route}-${UUID_PATTERN}$`).test(escalationCaseId)) {
    throw new DomainRuleError(
      'ASB_ESCALATION_CASE_DOES_NOT_MATCH_ROUTE',
      `An escalation by ${route} links to a ${route} case (${route}-<uuid>), not ${escalationCaseId}`,
      { route, escalationCaseId },
    );
  }
  if (state.escalations.some((e) => e.escalationCaseId === escalationCaseId)) return [];
  return [{ type: 'CaseEscalated', data: { ...data, escalatedAt: context.now } }];
}

export function decideResolveCase(data: z.infer<typeof ResolveCaseData>, state: ReportedAsbState, context: DecisionContext): AsbEvent[] {
  return [
    { type: 'CaseResolved', data: { resolutionSummary: data.resolutionSummary, resolvedAt: context.now } },
    ...cancelOpenDeadlines(state.deadlines, 'case resolved'),
  ];
}

export function decideCloseCase(data: z.infer<typeof CloseCaseData>, context: DecisionContext): AsbEvent[] {
  return [{ type: 'CaseClosed', data: { ...data, closedAt: context.now } }];
}

export function decideReopenCase(data: z.infer<typeof ReopenCaseData>, state: ReportedAsbState, context: DecisionContext): AsbEvent[] {
  return [{ type: 'CaseReopened', data: { reason: data.reason, reopenedAt: context.now } }, scheduleNextProgressReview(state.deadlines, context)];
}
