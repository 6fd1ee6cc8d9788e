import { DecisionContext, DomainRuleError, londonDate } from '@casetrail/workflow';
import { z } from 'zod';
import {
  AgreeAbcData,
  IssueWarningLetterData,
  RecordMultiAgencyMeetingData,
  ReferToDiversionaryActivityData,
  ReferToMediationData,
} from './asb.commands';
import { AsbEvent } from './asb.events';
import { ReportedAsbState } from './asb.state';

/** The actions an investigation takes; each is its own event because each is counted. */

export function decideIssueWarningLetter(
  data: z.infer<typeof IssueWarningLetterData>,
  state: ReportedAsbState,
  context: DecisionContext,
): AsbEvent[] {
  assertPerpetratorRecorded(state, data.perpetratorId);
  return [{ type: 'WarningLetterIssued', data: { ...data, issuedAt: context.now } }];
}

export function decideAgreeAbc(data: z.infer<typeof AgreeAbcData>, state: ReportedAsbState, context: DecisionContext): AsbEvent[] {
  assertPerpetratorRecorded(state, data.perpetratorId);
  switch (data.outcome) {
    case 'signed': {
      const today = londonDate(context.now);
      if (data.reviewDate <= today) {
        throw new DomainRuleError(
          'ASB_ABC_REVIEW_DATE_NOT_IN_FUTURE',
          `An acceptable behaviour contract needs a review date after today (${today}); ${data.reviewDate} is not`,
          { reviewDate: data.reviewDate, today },
        );
      }
      const { outcome: _outcome, ...agreed } = data;
      return [{ type: 'AbcAgreed', data: { ...agreed, agreedAt: context.now } }];
    }
    case 'refused-to-sign': {
      const { outcome: _outcome, ...refused } = data;
      return [{ type: 'AbcRefused', data: { ...refused, refusedAt: context.now } }];
    }
    default: {
      const unreachable: never = data;
      return unreachable;
    }
  }
}

export function decideReferToMediation(
  data: z.infer<typeof ReferToMediationData>,
  state: ReportedAsbState,
  context: DecisionContext,
): AsbEvent[] {
  if (data.perpetratorId !== undefined) assertPerpetratorRecorded(state, data.perpetratorId);
  return [{ type: 'MediationReferred', data: { ...data, referredAt: context.now } }];
}

export function decideReferToDiversionaryActivity(
  data: z.infer<typeof ReferToDiversionaryActivityData>,
  state: ReportedAsbState,
  context: DecisionContext,
): AsbEvent[] {
  assertPerpetratorRecorded(state, data.perpetratorId);
  return [{ type: 'DiversionaryActivityReferred', data: { ...data, referredAt: context.now } }];
}

export function decideRecordMultiAgencyMeeting(data: z.infer<typeof RecordMultiAgencyMeetingData>, context: DecisionContext): AsbEvent[] {
  const today = londonDate(context.now);
  if (data.meetingDate > today) {
    throw new DomainRuleError(
      'ASB_MEETING_DATE_IN_FUTURE',
      `A multi-agency meeting is recorded once held; ${data.meetingDate} is after today (${today})`,
      { meetingDate: data.meetingDate, today },
    );
  }
  return [{ type: 'MultiAgencyMeetingHeld', data: { ...data, recordedAt: context.now } }];
}

function assertPerpetratorRecorded(state: ReportedAsbState, perpetratorId: string): void {
  if (!state.perpetrators[perpetratorId]) {
    throw new DomainRuleError(
      'ASB_PERPETRATOR_NOT_RECORDED',
      `No alleged perpetrator ${perpetratorId} is recorded on this case: identify them first`,
      { perpetratorId },
    );
  }
}
