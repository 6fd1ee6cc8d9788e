import { z } from 'zod';
import { DEADLINE_EVENT_SCHEMAS, DeadlineEvent, DomainEvent, personal } from '@casetrail/workflow';
import {
  AbcParty,
  AgencyCode,
  CalendarDate,
  CaseId,
  Caseworker,
  IncidentReport,
  Instant,
  LocalId,
  Location,
  Perpetrator,
  RepeatMatch,
  RiskAnswer,
  Victim,
} from './asb-parts.schema';
import { AsbCategory, CaseOutcome, EscalationRoute, MediationType, RiskLevel, VictimSatisfaction } from './asb.vocabulary';

/** Free text about people or events: always personal. */
const narrative = (max: number) => personal(z.string().min(1).max(max));

/** The policy values a decision applied, by `section.key`, so a replay shows what was in force. */
const AppliedPolicy = z.record(z.string(), z.number());

// --- Intake ---------------------------------------------------------------------------------

/** Version 2: a person victim's name is split into givenName and familyName (asb.upcasters.ts). */
export const ASB_REPORTED_VERSION = 2;
export const AsbReportedData = z.object({
  openedAt: Instant,
  category: AsbCategory,
  reportingAgency: AgencyCode,
  victims: z.array(Victim).min(1),
  location: Location,
  perpetrators: z.array(Perpetrator),
  /** Earlier cases the application found with the same victim, location or perpetrator. */
  repeatOf: z.array(RepeatMatch),
});

export const IncidentLoggedData = z.object({
  ...IncidentReport.shape,
  reportingAgency: AgencyCode,
  loggedAt: Instant,
  /** Reported within the qualifying period of the behaviour (Community Trigger, s104). */
  qualifyingComplaint: z.boolean(),
  applied: AppliedPolicy,
});

export const CaseReviewPromptRaisedData = z.object({
  /** The complaints that fell within one prompt period. */
  incidentIds: z.array(LocalId).min(1),
  raisedAt: Instant,
  applied: AppliedPolicy,
});

export const PerpetratorIdentifiedData = z.object({ perpetrator: Perpetrator, identifiedAt: Instant });

// --- Triage and management ------------------------------------------------------------------

export const RiskAssessedData = z.object({
  level: RiskLevel,
  previousLevel: RiskLevel.nullable(),
  answers: z.array(RiskAnswer).min(1),
  assessedBy: z.strictObject({ id: z.string().min(1).max(100), agency: AgencyCode }),
  assessedAt: Instant,
});

export const CaseAssignedData = z.object({
  ...Caseworker.shape,
  previousAssignee: Caseworker.nullable(),
  assignedAt: Instant,
});

export const InvestigationStartedData = z.object({ startedAt: Instant });

export const ProgressReviewedData = z.object({
  reviewNumber: z.number().int().positive(),
  summary: narrative(4000),
  reviewedAt: Instant,
});

export const CaseMarkedRestrictedData = z.object({ reason: narrative(1000), markedAt: Instant });

// --- Actions while investigating ------------------------------------------------------------

export const WarningLetterIssuedData = z.object({ perpetratorId: LocalId, summary: narrative(4000), issuedAt: Instant });

export const AbcAgreedData = z.object({
  perpetratorId: LocalId,
  parties: z.array(AbcParty).min(2),
  terms: narrative(4000),
  reviewDate: CalendarDate,
  agreedAt: Instant,
});

export const AbcRefusedData = z.object({
  perpetratorId: LocalId,
  parties: z.array(AbcParty).min(2),
  reason: personal(z.string().min(1).max(1000).optional()),
  refusedAt: Instant,
});

export const MediationReferredData = z.object({
  mediationType: MediationType,
  provider: AgencyCode,
  perpetratorId: LocalId.optional(),
  referredAt: Instant,
});

export const DiversionaryActivityReferredData = z.object({
  perpetratorId: LocalId,
  activity: z.string().min(1).max(200),
  provider: AgencyCode,
  referredAt: Instant,
});

export const MultiAgencyMeetingHeldData = z.object({
  meetingDate: CalendarDate,
  agencies: z.array(AgencyCode).min(2),
  summary: narrative(4000),
  recordedAt: Instant,
});

// --- Escalation and outcome -----------------------------------------------------------------

export const CaseEscalatedData = z.object({
  route: EscalationRoute,
  escalationCaseId: CaseId,
  reason: narrative(2000),
  escalatedAt: Instant,
});

export const CaseResolvedData = z.object({ resolutionSummary: narrative(4000), resolvedAt: Instant });

export const CaseClosedData = z.object({ outcome: CaseOutcome, victimSatisfaction: VictimSatisfaction, closedAt: Instant });

export const CaseReopenedData = z.object({ reason: narrative(2000), reopenedAt: Instant });

// --- The event union ------------------------------------------------------------------------

export const ASB_EVENT_SCHEMAS = {
  AsbReported: AsbReportedData,
  IncidentLogged: IncidentLoggedData,
  CaseReviewPromptRaised: CaseReviewPromptRaisedData,
  PerpetratorIdentified: PerpetratorIdentifiedData,
  RiskAssessed: RiskAssessedData,
  CaseAssigned: CaseAssignedData,
  InvestigationStarted: InvestigationStartedData,
  ProgressReviewed: ProgressReviewedData,
  CaseMarkedRestricted: CaseMarkedRestrictedData,
  WarningLetterIssued: WarningLetterIssuedData,
  AbcAgreed: AbcAgreedData,
  AbcRefused: AbcRefusedData,
  MediationReferred: MediationReferredData,
  DiversionaryActivityReferred: DiversionaryActivityReferredData,
  MultiAgencyMeetingHeld: MultiAgencyMeetingHeldData,
  CaseEscalated: CaseEscalatedData,
  CaseResolved: CaseResolvedData,
  CaseClosed: CaseClosedData,
  CaseReopened: CaseReopenedData,
  ...DEADLINE_EVENT_SCHEMAS,
} as const;

type AsbOwnEventSchemas = Omit<typeof ASB_EVENT_SCHEMAS, keyof typeof DEADLINE_EVENT_SCHEMAS>;

export type AsbCaseEvent = {
  [Type in keyof AsbOwnEventSchemas]: DomainEvent<Type, z.infer<AsbOwnEventSchemas[Type]>>;
}[keyof AsbOwnEventSchemas];

export type AsbEvent = AsbCaseEvent | DeadlineEvent;

export type AsbEventOf<Type extends AsbEvent['type']> = Extract<AsbEvent, { type: Type }>;
export type AsbReportedData = z.infer<typeof AsbReportedData>;
export type IncidentLoggedData = z.infer<typeof IncidentLoggedData>;
