import { DecisionContext, deadlineId, meetDeadline } from '@casetrail/workflow';
import { z } from 'zod';
import { TRIAGE_DUE } from './asb-intake.decider';
import { meetOpenProgressReviews, scheduleNextProgressReview } from './asb-progress-review';
import { AssignCaseData, MarkRestrictedData, RecordProgressReviewData, RecordRiskAssessmentData } from './asb.commands';
import { AsbEvent } from './asb.events';
import { ReportedAsbState } from './asb.state';

/** Triage, assignment, progress reviews and restriction: the running of an open case. */

export function decideRecordRiskAssessment(
  data: z.infer<typeof RecordRiskAssessmentData>,
  state: ReportedAsbState,
  context: DecisionContext,
): AsbEvent[] {
  return [
    {
      type: 'RiskAssessed',
      data: {
        level: data.level,
        previousLevel: state.stage === 'reported' ? null : state.risk.level,
        answers: data.answers,
        assessedBy: { id: context.actor.id, agency: context.actor.agency },
        assessedAt: context.now,
      },
    },
    ...meetDeadline(state.deadlines, deadlineId(context.caseId, TRIAGE_DUE), context.now),
  ];
}

export function decideAssignCase(data: z.infer<typeof AssignCaseData>, state: ReportedAsbState, context: DecisionContext): AsbEvent[] {
  const current = state.assignee;
  if (current?.caseworkerId === data.caseworkerId && current.agency === data.agency) return [];
  return [{ type: 'CaseAssigned', data: { ...data, previousAssignee: current ?? null, assignedAt: context.now } }];
}

export function decideStartInvestigation(state: ReportedAsbState, context: DecisionContext): AsbEvent[] {
  return [{ type: 'InvestigationStarted', data: { startedAt: context.now } }, scheduleNextProgressReview(state.deadlines, context)];
}

export function decideRecordProgressReview(
  data: z.infer<typeof RecordProgressReviewData>,
  state: ReportedAsbState,
  context: DecisionContext,
): AsbEvent[] {
  return [
    { type: 'ProgressReviewed', data: { reviewNumber: state.progressReviews + 1, summary: data.summary, reviewedAt: context.now } },
    ...meetOpenProgressReviews(state.deadlines, context.now),
    scheduleNextProgressReview(state.deadlines, context),
  ];
}

export function decideMarkRestricted(data: z.infer<typeof MarkRestrictedData>, state: ReportedAsbState, context: DecisionContext): AsbEvent[] {
  if (state.restricted) return [];
  return [{ type: 'CaseMarkedRestricted', data: { reason: data.reason, markedAt: context.now } }];
}
