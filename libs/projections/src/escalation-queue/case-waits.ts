import { z } from 'zod';
import { DEADLINE_EVENT_SCHEMAS, DomainEvent } from '@casetrail/workflow';

export interface TrackedDeadline {
  deadlineId: string;
  rule: string;
  dueAt: string;
  status: 'open' | 'met' | 'cancelled' | 'missed';
  /** What the deadline waited for has been done (possibly late), so it needs no one's attention. */
  resolved: boolean;
}

type Resolver = (event: DomainEvent, deadline: TrackedDeadline) => boolean;
const is =
  (...types: string[]): Resolver =>
  (event) =>
    types.includes(event.type);

const Outcome = z.object({ outcome: z.string() });
const BreachNumber = z.object({ breachNumber: z.number() });
const BreachNumbers = z.object({ breachNumbers: z.array(z.number()) });
/** `<caseId>/FPN_PAYMENT_PERIOD/<breachNumber>` */
const breachOf = (deadline: TrackedDeadline) => Number(deadline.deadlineId.split('/').at(-1));

/**
 * The events that do what a deadline waited for, by rule (rules and events in libs/cases). A
 * missed deadline stays in the queue until one of them happens, because after a miss the
 * deciders record nothing more against the deadline itself.
 */
const RESOLVED_BY: Record<string, Resolver> = {
  ASB_TRIAGE_DUE: is('RiskAssessed'),
  ASB_PROGRESS_REVIEW_DUE: is('ProgressReviewed'),
  CT_ACKNOWLEDGEMENT: is('ApplicationAcknowledged'),
  CT_THRESHOLD_DECISION: is('ThresholdAssessed'),
  CT_REVIEW_PANEL: is('PanelOutcomeRecorded'),
  FIRST_CONTACT: (event) => event.type === 'ContactAttemptRecorded' && Outcome.safeParse(event.data).data?.outcome === 'successful',
  MARAC_REFERRAL: is('ReferredToMarac'),
  CPW_TIME_TO_COMPLY: is('ConductAfterWarningRecorded', 'CpnIssued', 'CpwLapsed'),
  CPN_EXPIRY: is('CpnExpired'),
  FPN_PAYMENT_PERIOD: (event, deadline) =>
    (event.type === 'FpnPaid' && BreachNumber.safeParse(event.data).data?.breachNumber === breachOf(deadline)) ||
    (event.type === 'ProsecutionStarted' && (BreachNumbers.safeParse(event.data).data?.breachNumbers ?? []).includes(breachOf(deadline))),
};

/** The events that end a case (or its active life): nothing in it is waiting any more. */
const CASE_ENDED = new Set(['CaseResolved', 'CaseClosed', 'EscalationClosed', 'ApplicationClosed', 'ReferralClosed']);

const PromptRaised = z.object({ raisedAt: z.string() });

/** What a case is waiting for, folded from its whole history. Never changed in place: each event gives a new one. */
export interface CaseWaits {
  deadlines: readonly TrackedDeadline[];
  /** When the Case Review prompt was raised, while the case is still running; else null. */
  caseReviewPromptRaisedAt: string | null;
}

export const NOTHING_AWAITED: CaseWaits = { deadlines: [], caseReviewPromptRaisedAt: null };

export function trackCaseWaits(events: readonly DomainEvent[]): CaseWaits {
  return events.reduce(evolveCaseWaits, NOTHING_AWAITED);
}

/** One more event of the case: what it still waits for afterwards. */
export function evolveCaseWaits(waits: CaseWaits, event: DomainEvent): CaseWaits {
  const ended = CASE_ENDED.has(event.type);
  let promptRaisedAt = ended ? null : waits.caseReviewPromptRaisedAt;
  let deadlines: readonly TrackedDeadline[] = waits.deadlines.map((d) => (!d.resolved && (ended || RESOLVED_BY[d.rule]?.(event, d)) ? { ...d, resolved: true } : d));
  if (event.type === 'CaseReviewPromptRaised') promptRaisedAt = utc(PromptRaised.parse(event.data).raisedAt);
  deadlines = trackDeadline(deadlines, event);
  return { deadlines, caseReviewPromptRaisedAt: promptRaisedAt };
}

/**
 * Deadlines still owed: open, or missed with what they waited for not yet done. A CPN's appeal
 * window is a window for the recipient, not something the partnership owes, so it is left out.
 */
export function outstandingDeadlines(events: readonly DomainEvent[]): TrackedDeadline[] {
  return stillOwed(trackCaseWaits(events));
}

export function stillOwed(waits: CaseWaits): TrackedDeadline[] {
  return waits.deadlines.filter((d) => !d.resolved && (d.status === 'open' || d.status === 'missed') && d.rule !== 'CPN_APPEAL_WINDOW');
}

function trackDeadline(deadlines: readonly TrackedDeadline[], event: DomainEvent): readonly TrackedDeadline[] {
  switch (event.type) {
    case 'DeadlineScheduled': {
      const { deadlineId, rule, dueAt } = DEADLINE_EVENT_SCHEMAS.DeadlineScheduled.parse(event.data);
      // Scheduled again: moved, and waiting afresh (in its old place, as a Map keeps it).
      const scheduled: TrackedDeadline = { deadlineId, rule, dueAt: utc(dueAt), status: 'open', resolved: false };
      return deadlines.some((d) => d.deadlineId === deadlineId) ? deadlines.map((d) => (d.deadlineId === deadlineId ? scheduled : d)) : [...deadlines, scheduled];
    }
    case 'DeadlineMet':
    case 'DeadlineCancelled': {
      const { deadlineId } = DEADLINE_EVENT_SCHEMAS[event.type].parse(event.data);
      const status = event.type === 'DeadlineMet' ? 'met' : 'cancelled';
      return deadlines.map((d) => (d.deadlineId === deadlineId ? { ...d, status, resolved: true } : d));
    }
    case 'DeadlineMissed': {
      const { deadlineId } = DEADLINE_EVENT_SCHEMAS.DeadlineMissed.parse(event.data);
      return deadlines.map((d) => (d.deadlineId === deadlineId ? { ...d, status: 'missed' } : d));
    }
    default:
      return deadlines;
  }
}

/** Stored instants are UTC `toISOString`, so text order is time order on both dialects. */
export function utc(instant: string): string {
  return new Date(instant).toISOString();
}
