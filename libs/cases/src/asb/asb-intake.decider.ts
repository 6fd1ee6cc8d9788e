import { DecisionContext, DomainRuleError, deadlineId, londonDate, scheduleDeadline } from '@casetrail/workflow';
import { z } from 'zod';
import { Perpetrator } from './asb-parts.schema';
import { busiestComplaintPeriod, isQualifyingComplaint } from './asb-complaint-periods';
import { IdentifyPerpetratorData, LogIncidentData, ReportAsbData } from './asb.commands';
import { ASB_REPORTED_VERSION, AsbEvent } from './asb.events';
import { applyAsbPolicy } from './asb.policy';
import { Incident, ReportedAsbState } from './asb.state';
import { sameFacts } from './same-facts';

export const TRIAGE_DUE = 'ASB_TRIAGE_DUE';

type IncidentReport = z.infer<typeof LogIncidentData>;

// --- ReportAsb ------------------------------------------------------------------------------

export function decideReportAsb(data: z.infer<typeof ReportAsbData>, context: DecisionContext): AsbEvent[] {
  const today = londonDate(context.now);
  data.perpetrators.forEach((perpetrator, index) => {
    assertDateOfBirthNotInFuture(perpetrator, today);
    const earlier = data.perpetrators.slice(0, index).find((p) => p.perpetratorId === perpetrator.perpetratorId);
    if (earlier) throw perpetratorIdReused(perpetrator.perpetratorId);
  });
  const firstIncident = decideIncident({ ...data.firstIncident, reportingAgency: data.reportingAgency }, [], context);
  const triage = applyAsbPolicy(context, 'triageDueHours');
  const triageDueAt = new Date(Date.parse(context.now) + triage.value * 3_600_000).toISOString();
  return [
    {
      type: 'AsbReported',
      schemaVersion: ASB_REPORTED_VERSION,
      data: {
        openedAt: context.now,
        category: data.category,
        reportingAgency: data.reportingAgency,
        victims: data.victims,
        location: data.location,
        perpetrators: data.perpetrators,
        repeatOf: data.repeatOf ?? [],
      },
    },
    ...firstIncident,
    scheduleDeadline(deadlineId(context.caseId, TRIAGE_DUE), TRIAGE_DUE, triageDueAt, triage.applied),
  ];
}

// --- LogIncident ----------------------------------------------------------------------------

export function decideLogIncident(data: IncidentReport, state: ReportedAsbState, context: DecisionContext): AsbEvent[] {
  const existing = state.incidents[data.incidentId];
  if (existing) {
    const { loggedAt: _l, qualifyingComplaint: _q, applied: _a, ...logged } = existing;
    // The same complaint sent twice is a retry, not a second complaint.
    if (sameFacts(logged, data)) return [];
    throw new DomainRuleError('ASB_INCIDENT_ID_REUSED', `Incident ${data.incidentId} is already logged with other details`, {
      incidentId: data.incidentId,
    });
  }
  const promptAlreadyRaised = state.caseReviewPromptRaisedAt !== undefined;
  return decideIncident(data, promptAlreadyRaised ? undefined : Object.values(state.incidents), context);
}

/**
 * Logs one complaint, notes whether it qualifies for the Community Trigger, and raises the Case
 * Review prompt when this complaint brings the victim to the local number within the period.
 * `earlier` is undefined once the prompt has been raised: it is raised once per case.
 */
function decideIncident(report: IncidentReport, earlier: Incident[] | undefined, context: DecisionContext): AsbEvent[] {
  const today = londonDate(context.now);
  const { incidentId, behaviourDate, reportedDate } = report;
  if (reportedDate < behaviourDate) {
    throw new DomainRuleError(
      'ASB_INCIDENT_REPORTED_BEFORE_BEHAVIOUR',
      `Incident ${incidentId} is dated as reported (${reportedDate}) before the behaviour happened (${behaviourDate})`,
      { incidentId, behaviourDate, reportedDate },
    );
  }
  if (reportedDate > today) {
    throw new DomainRuleError(
      'ASB_INCIDENT_REPORTED_IN_FUTURE',
      `Incident ${incidentId} is dated as reported on ${reportedDate}, after today (${today})`,
      { incidentId, reportedDate, today },
    );
  }
  const qualifying = applyAsbPolicy(context, 'complaintQualifyingMonths');
  const logged: AsbEvent = {
    type: 'IncidentLogged',
    data: {
      ...report,
      loggedAt: context.now,
      qualifyingComplaint: isQualifyingComplaint(behaviourDate, reportedDate, qualifying.value),
      applied: qualifying.applied,
    },
  };
  return earlier ? [logged, ...decideCaseReviewPrompt([...earlier, report], context)] : [logged];
}

function decideCaseReviewPrompt(complaints: IncidentReport[], context: DecisionContext): AsbEvent[] {
  const needed = applyAsbPolicy(context, 'caseReviewPromptComplaints');
  const period = applyAsbPolicy(context, 'caseReviewPromptMonths');
  const busiest = busiestComplaintPeriod(complaints, period.value);
  if (busiest.length < needed.value) return [];
  return [
    {
      type: 'CaseReviewPromptRaised',
      data: {
        incidentIds: busiest.map((c) => c.incidentId),
        raisedAt: context.now,
        applied: { ...needed.applied, ...period.applied },
      },
    },
  ];
}

// --- IdentifyPerpetrator --------------------------------------------------------------------

export function decideIdentifyPerpetrator(
  data: z.infer<typeof IdentifyPerpetratorData>,
  state: ReportedAsbState,
  context: DecisionContext,
): AsbEvent[] {
  const { perpetrator } = data;
  const existing = state.perpetrators[perpetrator.perpetratorId];
  if (existing) {
    if (sameFacts(existing, perpetrator)) return [];
    throw perpetratorIdReused(perpetrator.perpetratorId);
  }
  assertDateOfBirthNotInFuture(perpetrator, londonDate(context.now));
  return [{ type: 'PerpetratorIdentified', data: { perpetrator, identifiedAt: context.now } }];
}

// --- Shared checks --------------------------------------------------------------------------

function assertDateOfBirthNotInFuture(perpetrator: Perpetrator, today: string): void {
  const { perpetratorId, dateOfBirth } = perpetrator;
  if (dateOfBirth !== undefined && dateOfBirth > today) {
    throw new DomainRuleError(
      'ASB_DATE_OF_BIRTH_IN_FUTURE',
      `The date of birth given for alleged perpetrator ${perpetratorId} is after today (${today})`,
      { perpetratorId, today },
    );
  }
}

function perpetratorIdReused(perpetratorId: string): DomainRuleError {
  return new DomainRuleError(
    'ASB_PERPETRATOR_ID_REUSED',
    `Alleged perpetrator ${perpetratorId} is already recorded with other details`,
    { perpetratorId },
  );
}
