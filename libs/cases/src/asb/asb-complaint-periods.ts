import { addDays, addMonths } from '@casetrail/workflow';

/**
 * The last day of "the period of N months beginning with" a date, as courts count it: the day
 * before the corresponding date N months on, or the last day of that month when it has no
 * corresponding date (a month beginning 31 January ends on the last day of February).
 */
export function lastDayOfMonthsBeginning(date: string, months: number): string {
  const corresponding = addMonths(date, months);
  const hasCorrespondingDay = corresponding.slice(8) === date.slice(8);
  return hasCorrespondingDay ? addDays(corresponding, -1) : corresponding;
}

/** A complaint qualifies for the Community Trigger when made within the period beginning with the behaviour. */
export function isQualifyingComplaint(behaviourDate: string, reportedDate: string, months: number): boolean {
  return reportedDate <= lastDayOfMonthsBeginning(behaviourDate, months);
}

export interface Complaint {
  incidentId: string;
  reportedDate: string;
}

/** The most complaints reported within any one period of `months`, earliest first. */
export function busiestComplaintPeriod(complaints: Complaint[], months: number): Complaint[] {
  const byDate = [...complaints].sort(
    (a, b) => a.reportedDate.localeCompare(b.reportedDate) || a.incidentId.localeCompare(b.incidentId),
  );
  let busiest: Complaint[] = [];
  byDate.forEach((first, index) => {
    const lastDay = lastDayOfMonthsBeginning(first.reportedDate, months);
    const inPeriod = byDate.slice(index).filter((c) => c.reportedDate <= lastDay);
    if (inPeriod.length > busiest.length) busiest = inPeriod;
  });
  return busiest;
}
