/**
 * The shape of every case type (STYLE.md; Emmett's decider). Pure: no framework, no clock, no
 * I/O. Time, the actor, ids and the policy in force arrive in the command's context.
 */

/** A domain event before the store wraps it in an envelope. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  /** Schema version of `data`; 1 unless the event has been evolved (see upcasters.ts). */
  schemaVersion?: number;
}

export interface DomainCommand<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface Actor {
  id: string;
  role: 'caseworker' | 'manager' | 'auditor' | 'admin' | 'system';
  agency: string;
}

/** Everything a decision may depend on besides the command and the state. */
export interface DecisionContext {
  /** The case's id (the stream id). Deadline ids derive from it, so they are stable. */
  caseId: string;
  /** When the command happened (ISO instant). The only "now" a decider knows. */
  now: string;
  actor: Actor;
  policy: PolicyLookup;
  calendar: WorkingDayCalendar;
}

export interface Decider<Command extends DomainCommand, Event extends DomainEvent, State> {
  initialState(): State;
  /** Returns the events the command causes, [] for a no-op, or throws a DomainRuleError. */
  decide(command: Command, state: State, context: DecisionContext): Event[];
  evolve(state: State, event: Event): State;
  /**
   * Optional: the same as `events.reduce(evolve, state)`, for a case type whose evolve copies a
   * collection that grows with the stream (ADR 0012). It may build its result by changing records
   * it created during this call, never anything reachable from `state`.
   */
  evolveAll?(state: State, events: readonly Event[]): State;
}

/** A refusal by a rule. `code` is stable and names the rule (docs/rules.md), e.g. CPN_REQUIRES_EXPIRED_CPW. */
export class DomainRuleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainRuleError';
  }
}

// --- Policy -------------------------------------------------------------------------------

/** A policy value together with where it came from, for recording in the event that applied it. */
export interface AppliedPolicy<T> {
  /** `section.key`, e.g. `cpw-cpn.appealDays`. */
  key: string;
  value: T;
  /** London calendar date (YYYY-MM-DD) from which this value is in force. */
  effectiveFrom: string;
  source?: string;
}

export interface PolicyLookup {
  /**
   * The value of `section.key` in force at the instant `at` (compared as a London calendar
   * date). Throws PolicyNotInForceError when no entry is in force then.
   */
  get<T>(section: string, key: string, at: string): AppliedPolicy<T>;
}

// --- Calendar -----------------------------------------------------------------------------

/** Working days in England and Wales: Monday to Friday, less bank holidays. */
export interface WorkingDayCalendar {
  /** The date `days` working days after `date` (YYYY-MM-DD). Throws for a year with no holiday data. */
  addWorkingDays(date: string, days: number): string;
  isWorkingDay(date: string): boolean;
}
