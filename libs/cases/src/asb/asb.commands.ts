import { z } from 'zod';
import { DomainCommand, ExpireDeadlineData, personal } from '@casetrail/workflow';
import {
  AbcParty,
  AgencyCode,
  CalendarDate,
  CaseId,
  Caseworker,
  IncidentReport,
  LocalId,
  Location,
  Perpetrator,
  RepeatMatch,
  RiskAnswer,
  Victim,
} from './asb-parts.schema';
import { AsbCategory, CaseOutcome, EscalationRoute, MediationType, RiskLevel, VictimSatisfaction } from './asb.vocabulary';

const narrative = (max: number) => personal(z.string().trim().min(1).max(max));

// --- Intake ---------------------------------------------------------------------------------

export const ReportAsbData = z.strictObject({
  reportingAgency: AgencyCode,
  category: AsbCategory,
  victims: z.array(Victim).min(1).max(20),
  location: Location,
  perpetrators: z.array(Perpetrator).max(20),
  firstIncident: IncidentReport,
  /** Earlier cases matching this victim, location or perpetrator, found by the application. */
  repeatOf: z.array(RepeatMatch).max(50).optional(),
});

export const LogIncidentData = z.strictObject({ ...IncidentReport.shape, reportingAgency: AgencyCode });

export const IdentifyPerpetratorData = z.strictObject({ perpetrator: Perpetrator });

// --- Triage and management ------------------------------------------------------------------

export const RecordRiskAssessmentData = z.strictObject({
  level: RiskLevel,
  answers: z.array(RiskAnswer).min(1).max(60),
});

export const AssignCaseData = Caseworker;

export const StartInvestigationData = z.strictObject({});

export const RecordProgressReviewData = z.strictObject({ summary: narrative(4000) });

export const MarkRestrictedData = z.strictObject({ reason: narrative(1000) });

// --- Actions while investigating ------------------------------------------------------------

export const IssueWarningLetterData = z.strictObject({ perpetratorId: LocalId, summary: narrative(4000) });

const AbcParties = z.array(AbcParty).min(2).max(20);

export const AgreeAbcData = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('signed'),
    perpetratorId: LocalId,
    parties: AbcParties,
    terms: narrative(4000),
    reviewDate: CalendarDate,
  }),
  z.strictObject({
    outcome: z.literal('refused-to-sign'),
    perpetratorId: LocalId,
    parties: AbcParties,
    reason: personal(z.string().trim().min(1).max(1000).optional()),
  }),
]);

export const ReferToMediationData = z.strictObject({
  mediationType: MediationType,
  provider: AgencyCode,
  perpetratorId: LocalId.optional(),
});

export const ReferToDiversionaryActivityData = z.strictObject({
  perpetratorId: LocalId,
  activity: z.string().trim().min(1).max(200),
  provider: AgencyCode,
});

export const RecordMultiAgencyMeetingData = z.strictObject({
  meetingDate: CalendarDate,
  agencies: z.array(AgencyCode).min(2).max(30),
  summary: narrative(4000),
});

// --- Escalation and outcome -----------------------------------------------------------------

export const EscalateCaseData = z.strictObject({
  route: EscalationRoute,
  escalationCaseId: CaseId,
  reason: narrative(2000),
});

export const ResolveCaseData = z.strictObject({ resolutionSummary: narrative(4000) });

export const CloseCaseData = z.strictObject({ outcome: CaseOutcome, victimSatisfaction: VictimSatisfaction });

export const ReopenCaseData = z.strictObject({ reason: narrative(2000) });

// --- The command union ----------------------------------------------------------------------

export const ASB_COMMAND_SCHEMAS = {
  ReportAsb: ReportAsbData,
  LogIncident: LogIncidentData,
  IdentifyPerpetrator: IdentifyPerpetratorData,
  RecordRiskAssessment: RecordRiskAssessmentData,
  AssignCase: AssignCaseData,
  StartInvestigation: StartInvestigationData,
  RecordProgressReview: RecordProgressReviewData,
  MarkRestricted: MarkRestrictedData,
  IssueWarningLetter: IssueWarningLetterData,
  AgreeAbc: AgreeAbcData,
  ReferToMediation: ReferToMediationData,
  ReferToDiversionaryActivity: ReferToDiversionaryActivityData,
  RecordMultiAgencyMeeting: RecordMultiAgencyMeetingData,
  EscalateCase: EscalateCaseData,
  ResolveCase: ResolveCaseData,
  CloseCase: CloseCaseData,
  ReopenCase: ReopenCaseData,
  ExpireDeadline: ExpireDeadlineData,
} as const;

type Schemas = typeof ASB_COMMAND_SCHEMAS;

export type AsbCommand = {
  [Type in keyof Schemas]: DomainCommand<Type, z.infer<Schemas[Type]>>;
}[keyof Schemas];

export type AsbCommandType = AsbCommand['type'];
export type AsbCommandOf<Type extends AsbCommandType> = Extract<AsbCommand, { type: Type }>;
