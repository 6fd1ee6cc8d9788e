/** The deadline lateness histogram (seconds), for the deadline host: a token, so it needs no metrics import. */
export const DEADLINE_LATENESS = Symbol('DEADLINE_LATENESS');

export interface DeadlineLateness {
  observe(seconds: number): void;
}
