import { z } from 'zod';
import { DomainCommand, ExpireDeadline, ExpireDeadlineData } from '@casetrail/workflow';
import {
  ApplicantSchema,
  CalendarDate,
  ComplaintSchema,
  ContactMethod,
  DiscretionaryDecisionSchema,
  Narrative,
  PccAppealOutcome,
  RecommendationSchema,
  VictimSchema,
  optionalPersonal,
} from './community-trigger.schemas';

export const ReceiveApplicationData = z.strictObject({
  applicant: ApplicantSchema,
  victim: VictimSchema,
  complaints: z.array(ComplaintSchema).min(1).max(200),
});

export const AcknowledgeApplicationData = z.strictObject({ method: ContactMethod });

export const AssessThresholdData = z.strictObject({
  /** Only when neither the count nor a local extra meets the threshold (s104(5)). */
  discretionaryDecision: DiscretionaryDecisionSchema.optional(),
});

export const ScheduleReviewPanelData = z.strictObject({ panelDate: CalendarDate });

export const RecordPanelOutcomeData = z.strictObject({
  recommendations: z.array(RecommendationSchema).max(50),
  summary: Narrative(8000),
});

export const InformApplicantData = z.strictObject({
  method: ContactMethod,
  message: Narrative(8000),
});

export const LodgePccAppealData = z.strictObject({ grounds: Narrative(8000) });

export const RecordPccAppealOutcomeData = z.strictObject({
  outcome: PccAppealOutcome,
  findings: Narrative(8000),
});

export const CloseApplicationData = z.strictObject({
  note: optionalPersonal(z.string().trim().min(1).max(4000)),
});

export type ReceiveApplication = DomainCommand<'ReceiveApplication', z.infer<typeof ReceiveApplicationData>>;
export type AcknowledgeApplication = DomainCommand<'AcknowledgeApplication', z.infer<typeof AcknowledgeApplicationData>>;
export type AssessThreshold = DomainCommand<'AssessThreshold', z.infer<typeof AssessThresholdData>>;
export type ScheduleReviewPanel = DomainCommand<'ScheduleReviewPanel', z.infer<typeof ScheduleReviewPanelData>>;
export type RecordPanelOutcome = DomainCommand<'RecordPanelOutcome', z.infer<typeof RecordPanelOutcomeData>>;
export type InformApplicant = DomainCommand<'InformApplicant', z.infer<typeof InformApplicantData>>;
export type LodgePccAppeal = DomainCommand<'LodgePccAppeal', z.infer<typeof LodgePccAppealData>>;
export type RecordPccAppealOutcome = DomainCommand<'RecordPccAppealOutcome', z.infer<typeof RecordPccAppealOutcomeData>>;
export type CloseApplication = DomainCommand<'CloseApplication', z.infer<typeof CloseApplicationData>>;

export type CommunityTriggerCommand =
  | ReceiveApplication
  | AcknowledgeApplication
  | AssessThreshold
  | ScheduleReviewPanel
  | RecordPanelOutcome
  | InformApplicant
  | LodgePccAppeal
  | RecordPccAppealOutcome
  | CloseApplication
  | ExpireDeadline;

export type CommunityTriggerCommandType = CommunityTriggerCommand['type'];

export const COMMUNITY_TRIGGER_COMMAND_SCHEMAS = {
  ReceiveApplication: ReceiveApplicationData,
  AcknowledgeApplication: AcknowledgeApplicationData,
  AssessThreshold: AssessThresholdData,
  ScheduleReviewPanel: ScheduleReviewPanelData,
  RecordPanelOutcome: RecordPanelOutcomeData,
  InformApplicant: InformApplicantData,
  LodgePccAppeal: LodgePccAppealData,
  RecordPccAppealOutcome: RecordPccAppealOutcomeData,
  CloseApplication: CloseApplicationData,
  ExpireDeadline: ExpireDeadlineData,
} satisfies Record<CommunityTriggerCommandType, z.ZodType>;
