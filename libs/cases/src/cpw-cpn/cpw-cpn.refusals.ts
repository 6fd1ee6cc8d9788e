import { DecisionContext, DomainRuleError, londonDate } from '@casetrail/workflow';

/** Refusals several rules share. Dates are London calendar dates, compared as YYYY-MM-DD text. */

/** The London calendar date of the decision: the day the law counts from. */
export function today(context: DecisionContext): string {
  return londonDate(context.now);
}

/** A date the officer gives for something that has happened cannot be after today. */
export function refuseFutureDate(field: string, date: string, context: DecisionContext): void {
  const now = today(context);
  if (date > now) {
    throw new DomainRuleError('DATE_IN_THE_FUTURE', `${field} ${date} is after today (${now})`, { field, date, today: now });
  }
}

/** A step cannot be dated before the step it depends on (a payment before its notice, say). */
export function refuseDateBefore(field: string, date: string, notBefore: string, because: string): void {
  if (date < notBefore) {
    throw new DomainRuleError('DATE_OUT_OF_ORDER', `${field} ${date} is before ${because} (${notBefore})`, {
      field,
      date,
      notBefore,
    });
  }
}
