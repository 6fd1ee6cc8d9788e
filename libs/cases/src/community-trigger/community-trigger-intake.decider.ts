import { DecisionContext, DomainRuleError, londonDate, meetDeadline } from '@casetrail/workflow';
import { AcknowledgeApplication, ReceiveApplication } from './community-trigger.commands';
import { COMMUNITY_TRIGGER_DEADLINES, communityTriggerDeadlineId, workingDaysDeadline } from './community-trigger.deadlines';
import { CommunityTriggerEvent } from './community-trigger.events';
import { policyNow } from './community-trigger.policy';
import { Complaint } from './community-trigger.schemas';
import { CommunityTriggerState, NotReceived } from './community-trigger.state';

// --- ReceiveApplication ---------------------------------------------------------------------

export function receiveApplication(
  command: ReceiveApplication,
  _state: NotReceived,
  context: DecisionContext,
): CommunityTriggerEvent[] {
  const { applicant, victim, complaints } = command.data;
  const receivedOn = londonDate(context.now);
  if (applicant.relationship !== 'victim' && applicant.consent === undefined) {
    throw new DomainRuleError(
      'CT_CONSENT_REQUIRED',
      'An application made on behalf of a victim needs the victim’s consent, recorded with the application',
      { relationship: applicant.relationship },
    );
  }
  complaints.forEach((complaint) => assertComplaintDates(complaint, receivedOn));
  assertNoDuplicateComplaints(complaints);

  const acknowledgement = workingDaysDeadline(
    context,
    COMMUNITY_TRIGGER_DEADLINES.acknowledgement,
    receivedOn,
    policyNow(context, 'ackWorkingDays'),
  );
  const thresholdDecision = workingDaysDeadline(
    context,
    COMMUNITY_TRIGGER_DEADLINES.thresholdDecision,
    receivedOn,
    policyNow(context, 'decisionWorkingDays'),
  );
  return [
    { type: 'ApplicationReceived', data: { receivedAt: context.now, receivedOn, applicant, victim, complaints } },
    acknowledgement.scheduled,
    thresholdDecision.scheduled,
  ];
}

function assertComplaintDates(complaint: Complaint, receivedOn: string): void {
  if (complaint.reportDate < complaint.behaviourDate) {
    throw new DomainRuleError(
      'CT_COMPLAINT_REPORTED_BEFORE_BEHAVIOUR',
      `Complaint ${complaint.complaintId} is dated before the behaviour it reports`,
      { complaintId: complaint.complaintId, behaviourDate: complaint.behaviourDate, reportDate: complaint.reportDate },
    );
  }
  if (complaint.reportDate > receivedOn) {
    throw new DomainRuleError(
      'CT_COMPLAINT_AFTER_APPLICATION',
      `Complaint ${complaint.complaintId} is dated after the application was received; ` +
        'an application relies on complaints already made',
      { complaintId: complaint.complaintId, reportDate: complaint.reportDate, receivedOn },
    );
  }
}

function assertNoDuplicateComplaints(complaints: readonly Complaint[]): void {
  const seen = new Set<string>();
  for (const { complaintId } of complaints) {
    // A complaint listed twice would count twice towards the threshold.
    if (seen.has(complaintId)) {
      throw new DomainRuleError('CT_DUPLICATE_COMPLAINT', `Complaint ${complaintId} is listed more than once`, {
        complaintId,
      });
    }
    seen.add(complaintId);
  }
}

// --- AcknowledgeApplication -----------------------------------------------------------------

export function acknowledgeApplication(
  command: AcknowledgeApplication,
  state: Exclude<CommunityTriggerState, { stage: 'not-received' | 'closed' }>,
  context: DecisionContext,
): CommunityTriggerEvent[] {
  // Acknowledging twice changes nothing: the first acknowledgement stands.
  if (state.application.acknowledgedAt !== null) return [];
  return [
    { type: 'ApplicationAcknowledged', data: { acknowledgedAt: context.now, method: command.data.method } },
    ...meetDeadline(
      state.deadlines,
      communityTriggerDeadlineId(context, COMMUNITY_TRIGGER_DEADLINES.acknowledgement),
      context.now,
    ),
  ];
}
