import { PolicyLookup, WorkingDayCalendar } from '@casetrail/workflow';

export const CASE_RUNTIME = Symbol('CASE_RUNTIME');

/** The policy in force and the working-day calendar, loaded and validated once at start-up. */
export interface CaseRuntime {
  policy: PolicyLookup;
  calendar: WorkingDayCalendar;
}
