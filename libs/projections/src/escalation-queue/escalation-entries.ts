import { DomainEvent } from '@casetrail/workflow';
import { CaseWaits, TrackedDeadline, trackCaseWaits } from './case-waits';
import { ESCALATION_REASONS, EscalationReason } from './escalation-reasons';

/** One reason for a manager to look at a case, before the query applies "now". */
export interface EscalationEntry {
  entryId: string;
  reason: EscalationReason;
  priority: number;
  deadlineId: string | null;
  rule: string | null;
  /** What lateness is measured from: the deadline's due time, or when the prompt was raised. */
  dueAt: string;
  /** Shown only from this instant on (a deadline that is a problem only once it has passed). */
  visibleFrom: string | null;
  /** Shown only up to this instant (a window that closes by itself). */
  visibleUntil: string | null;
  /** Shown only once due within the query's horizon (e.g. 5 days). */
  comingDue: boolean;
}

/**
 * The escalation entries of one case, from its whole history (deterministic: the same events
 * always give the same entries). Time-dependent tests ("is it overdue now?") are left to the
 * query through dueAt, visibleFrom, visibleUntil and comingDue.
 */
export function escalationEntries(caseId: string, events: readonly DomainEvent[]): EscalationEntry[] {
  return escalationEntriesOf(caseId, trackCaseWaits(events));
}

/** The same, from what the case waits for (folded once per batch by the projection). */
export function escalationEntriesOf(caseId: string, { deadlines, caseReviewPromptRaisedAt }: CaseWaits): EscalationEntry[] {
  const entries = deadlines.filter((d) => !d.resolved).flatMap((d) => deadlineEntry(d));
  if (caseReviewPromptRaisedAt !== null) {
    entries.push(entry('CASE_REVIEW_PROMPT', `CASE_REVIEW_PROMPT:${caseId}`, null, caseReviewPromptRaisedAt));
  }
  return entries;
}

function deadlineEntry(d: TrackedDeadline): EscalationEntry[] {
  const missed = d.status === 'missed';
  if (d.status !== 'open' && !missed) return [];
  switch (d.rule) {
    case 'MARAC_REFERRAL':
      return [entry('MARAC_REFERRAL_OVERDUE', undefined, d, d.dueAt, { visibleFrom: d.dueAt })];
    case 'CPW_TIME_TO_COMPLY':
      return [entry('CPW_DECISION_OVERDUE', undefined, d, d.dueAt, { visibleFrom: d.dueAt })];
    case 'CPN_APPEAL_WINDOW':
      // A missed appeal window is a window that closed without an appeal: nothing to chase.
      return missed ? [] : [entry('CPN_APPEAL_WINDOW_OPEN', undefined, d, d.dueAt, { visibleUntil: d.dueAt })];
    case 'CT_THRESHOLD_DECISION':
      return [missed ? entry('DEADLINE_MISSED', undefined, d, d.dueAt) : entry('CT_DECISION_DUE', undefined, d, d.dueAt, { comingDue: true })];
    case 'CT_REVIEW_PANEL':
      return [missed ? entry('DEADLINE_MISSED', undefined, d, d.dueAt) : entry('CT_PANEL_DUE', undefined, d, d.dueAt, { comingDue: true })];
    default:
      return missed ? [entry('DEADLINE_MISSED', undefined, d, d.dueAt)] : [];
  }
}

function entry(
  reason: EscalationReason,
  entryId: string | undefined,
  deadline: TrackedDeadline | null,
  dueAt: string,
  show: { visibleFrom?: string; visibleUntil?: string; comingDue?: boolean } = {},
): EscalationEntry {
  return {
    entryId: entryId ?? `${reason}:${deadline?.deadlineId}`,
    reason,
    priority: ESCALATION_REASONS[reason].priority,
    deadlineId: deadline?.deadlineId ?? null,
    rule: deadline?.rule ?? null,
    dueAt,
    visibleFrom: show.visibleFrom ?? null,
    visibleUntil: show.visibleUntil ?? null,
    comingDue: show.comingDue ?? false,
  };
}

