import { z } from 'zod';
import { addMonths } from '@casetrail/workflow';

/** A reporting period: London calendar dates, both inclusive. */
export interface ReportPeriod {
  from: string;
  to: string;
}

const ReportDate = z.iso.date({ error: 'must be a calendar date written YYYY-MM-DD' });

/** The fields of a period, for a caller that accepts more (the API's consistentWith). */
export const REPORT_PERIOD_FIELDS = { from: ReportDate, to: ReportDate };

export function periodInOrder(period: ReportPeriod, ctx: z.RefinementCtx): void {
  if (period.from > period.to) ctx.addIssue({ code: 'custom', path: ['from'], message: `must be on or before to (${period.to})` });
}

export const ReportPeriodSchema = z.strictObject(REPORT_PERIOD_FIELDS).superRefine(periodInOrder);

/** The same dates a year earlier (29 February becomes 28 February), for the year-on-year figure. */
export function previousYearOf(period: ReportPeriod): ReportPeriod {
  return { from: addMonths(period.from, -12), to: addMonths(period.to, -12) };
}
