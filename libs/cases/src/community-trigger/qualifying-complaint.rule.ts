import { addMonths } from '@casetrail/workflow';
import { NonQualifyingReason } from './community-trigger.events';

/** The dates of a complaint, which is all s104(11) looks at. */
export interface ComplaintDates {
  behaviourDate: string;
  reportDate: string;
}

/**
 * s104(11)(a): the complaint was made within the complaint window of the behaviour. Month
 * arithmetic, not a day count: a month from 31 January ends on 28 February, so a complaint
 * 29 days after the behaviour can be late and one 31 days after can be in time.
 */
export function madeWithinComplaintWindow(complaint: ComplaintDates, complaintWindowMonths: number): boolean {
  return complaint.reportDate <= addMonths(complaint.behaviourDate, complaintWindowMonths);
}

/** s104(11)(b): the application (or any later date `on`) falls within the window of the complaint. */
export function withinMonthsOfComplaint(complaint: ComplaintDates, on: string, months: number): boolean {
  return complaint.reportDate <= on && on <= addMonths(complaint.reportDate, months);
}

export interface QualifyingWindows {
  complaintWindowMonths: number;
  applicationWindowMonths: number;
}

/** Why a complaint does not qualify for an application received on `receivedOn`; [] when it does. */
export function nonQualifyingReasons(
  complaint: ComplaintDates,
  receivedOn: string,
  windows: QualifyingWindows,
): NonQualifyingReason[] {
  const reasons: NonQualifyingReason[] = [];
  if (!madeWithinComplaintWindow(complaint, windows.complaintWindowMonths)) {
    reasons.push('reported-more-than-the-complaint-window-after-the-behaviour');
  }
  if (!withinMonthsOfComplaint(complaint, receivedOn, windows.applicationWindowMonths)) {
    reasons.push('application-more-than-the-application-window-after-the-complaint');
  }
  return reasons;
}
