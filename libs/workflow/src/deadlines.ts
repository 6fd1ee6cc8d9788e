import { z } from 'zod';
import { DomainEvent } from './decider';

/**
 * Deadlines are decided by the case, as events; firing them belongs to the scheduler (issue 6),
 * which only ever sends ExpireDeadline back through the command path.
 * A deadline id is stable: `<caseId>/<rule>` or `<caseId>/<rule>/<n>` for a rule that recurs.
 */

const Instant = z.iso.datetime({ offset: true });

export const DeadlineScheduledData = z.object({
  deadlineId: z.string().min(1),
  /** The rule the deadline serves, e.g. `CPN_APPEAL_WINDOW`. */
  rule: z.string().min(1),
  dueAt: Instant,
  /** The policy values that set the due time, e.g. { 'cpw-cpn.appealDays': 21 }. */
  applied: z.record(z.string(), z.unknown()).optional(),
});
export const DeadlineMetData = z.object({ deadlineId: z.string().min(1), metAt: Instant });
export const DeadlineCancelledData = z.object({ deadlineId: z.string().min(1), reason: z.string().min(1) });
export const DeadlineMissedData = z.object({
  deadlineId: z.string().min(1),
  rule: z.string().min(1),
  dueAt: Instant,
  missedAt: Instant,
});

export type DeadlineEvent =
  | DomainEvent<'DeadlineScheduled', z.infer<typeof DeadlineScheduledData>>
  | DomainEvent<'DeadlineMet', z.infer<typeof DeadlineMetData>>
  | DomainEvent<'DeadlineCancelled', z.infer<typeof DeadlineCancelledData>>
  | DomainEvent<'DeadlineMissed', z.infer<typeof DeadlineMissedData>>;

export const DEADLINE_EVENT_SCHEMAS = {
  DeadlineScheduled: DeadlineScheduledData,
  DeadlineMet: DeadlineMetData,
  DeadlineCancelled: DeadlineCancelledData,
  DeadlineMissed: DeadlineMissedData,
} as const;

export const ExpireDeadlineData = z.object({
  deadlineId: z.string().min(1),
  /** The due time the scheduler armed; a deadline rescheduled since then is not expired by it. */
  dueAt: Instant,
});
export type ExpireDeadline = { type: 'ExpireDeadline'; data: z.infer<typeof ExpireDeadlineData> };

export interface Deadline {
  deadlineId: string;
  rule: string;
  dueAt: string;
  status: 'open' | 'met' | 'cancelled' | 'missed';
}
export type Deadlines = Readonly<Record<string, Deadline>>;

export function isDeadlineEvent(event: DomainEvent): event is DeadlineEvent {
  return event.type in DEADLINE_EVENT_SCHEMAS;
}

/** Folds the deadline events of any case type; other events leave the deadlines as they are. */
export function evolveDeadlines(deadlines: Deadlines, event: DomainEvent): Deadlines {
  if (!isDeadlineEvent(event)) return deadlines;
  switch (event.type) {
    case 'DeadlineScheduled': {
      const { deadlineId, rule, dueAt } = event.data;
      return { ...deadlines, [deadlineId]: { deadlineId, rule, dueAt, status: 'open' } };
    }
    case 'DeadlineMet':
      return withStatus(deadlines, event.data.deadlineId, 'met');
    case 'DeadlineCancelled':
      return withStatus(deadlines, event.data.deadlineId, 'cancelled');
    case 'DeadlineMissed':
      return withStatus(deadlines, event.data.deadlineId, 'missed');
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function withStatus(deadlines: Deadlines, deadlineId: string, status: Deadline['status']): Deadlines {
  const deadline = deadlines[deadlineId];
  return deadline ? { ...deadlines, [deadlineId]: { ...deadline, status } } : deadlines;
}

export function deadlineId(caseId: string, rule: string, occurrence?: number): string {
  return occurrence === undefined ? `${caseId}/${rule}` : `${caseId}/${rule}/${occurrence}`;
}

export function scheduleDeadline(
  id: string,
  rule: string,
  dueAt: string,
  applied?: Record<string, unknown>,
): DeadlineEvent {
  return { type: 'DeadlineScheduled', data: { deadlineId: id, rule, dueAt, ...(applied ? { applied } : {}) } };
}

/** [DeadlineMet] when the deadline is open, otherwise nothing. */
export function meetDeadline(deadlines: Deadlines, id: string, now: string): DeadlineEvent[] {
  return deadlines[id]?.status === 'open' ? [{ type: 'DeadlineMet', data: { deadlineId: id, metAt: now } }] : [];
}

/** Cancels every open deadline that `which` selects (all by default). */
export function cancelOpenDeadlines(
  deadlines: Deadlines,
  reason: string,
  which: (deadline: Deadline) => boolean = () => true,
): DeadlineEvent[] {
  return Object.values(deadlines)
    .filter((d) => d.status === 'open' && which(d))
    .map((d) => ({ type: 'DeadlineCancelled', data: { deadlineId: d.deadlineId, reason } }));
}

/**
 * ExpireDeadline is safe to send twice, late or early: it records DeadlineMissed only for an
 * open deadline still due at the time the scheduler armed, once that time has passed.
 */
export function decideExpireDeadline(deadlines: Deadlines, command: ExpireDeadline, now: string): DeadlineEvent[] {
  const deadline = deadlines[command.data.deadlineId];
  if (!deadline || deadline.status !== 'open') return [];
  if (deadline.dueAt !== command.data.dueAt) return [];
  if (Date.parse(now) < Date.parse(deadline.dueAt)) return [];
  return [
    {
      type: 'DeadlineMissed',
      data: { deadlineId: deadline.deadlineId, rule: deadline.rule, dueAt: deadline.dueAt, missedAt: now },
    },
  ];
}

export function openDeadlines(deadlines: Deadlines): Deadline[] {
  return Object.values(deadlines).filter((d) => d.status === 'open');
}
