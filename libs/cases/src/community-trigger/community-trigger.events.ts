import { z } from 'zod';
import { DEADLINE_EVENT_SCHEMAS, DeadlineEvent, DomainEvent } from '@casetrail/workflow';
import {
  ApplicantSchema,
  ApplicationOutcome,
  CalendarDate,
  ComplaintSchema,
  ContactMethod,
  DiscretionaryDecisionSchema,
  ExternalId,
  Instant,
  Narrative,
  PccAppealOutcome,
  RecommendationSchema,
  Slug,
  VictimSchema,
  optionalPersonal,
} from './community-trigger.schemas';

/** Policy values an event applied, keyed `community-trigger.<key>`, so a replay shows what was in force. */
const Applied = z.record(z.string(), z.unknown());

export const ApplicationReceivedData = z.object({
  receivedAt: Instant,
  /** The London date of receipt: the date s104(11)(b) measures the application by. */
  receivedOn: CalendarDate,
  applicant: ApplicantSchema,
  victim: VictimSchema,
  complaints: z.array(ComplaintSchema).min(1),
});

export const ApplicationAcknowledgedData = z.object({
  acknowledgedAt: Instant,
  method: ContactMethod,
});

export const NonQualifyingReason = z.enum([
  'reported-more-than-the-complaint-window-after-the-behaviour',
  'application-more-than-the-application-window-after-the-complaint',
]);
export type NonQualifyingReason = z.infer<typeof NonQualifyingReason>;

export const LocalExtraApplied = z.discriminatedUnion('extra', [
  z.object({
    extra: z.literal('distinct-individuals'),
    category: Slug,
    individuals: z.number().int(),
    countUsed: z.number().int(),
    withinMonths: z.number().int(),
  }),
  z.object({
    extra: z.literal('hate-incident'),
    complaintIds: z.array(ExternalId),
    countUsed: z.number().int(),
  }),
]);
export type LocalExtraApplied = z.infer<typeof LocalExtraApplied>;

export const ThresholdBasis = z.enum(['count', 'local-extra', 'discretion']);
export type ThresholdBasis = z.infer<typeof ThresholdBasis>;

export const ThresholdAssessedData = z.object({
  decidedAt: Instant,
  decidedOn: CalendarDate,
  decidedBy: z.object({ id: z.string().min(1), agency: z.string().min(1) }),
  met: z.boolean(),
  basis: ThresholdBasis,
  thresholdUsed: z.number().int(),
  qualifyingComplaintIds: z.array(ExternalId),
  nonQualifying: z.array(z.object({ complaintId: ExternalId, reasons: z.array(NonQualifyingReason).min(1) })),
  localExtrasApplied: z.array(LocalExtraApplied),
  /** Present only when neither the count nor a local extra decided (s104(5)). */
  discretionaryDecision: DiscretionaryDecisionSchema.optional(),
  /** The last date the review panel may sit, when the threshold is met. */
  reviewPanelBy: CalendarDate.optional(),
  applied: Applied,
});

export const ReviewPanelScheduledData = z.object({
  scheduledAt: Instant,
  panelDate: CalendarDate,
  reviewPanelBy: CalendarDate,
  /** Set when the panel is moved. */
  previousPanelDate: CalendarDate.optional(),
});

export const PanelOutcomeRecordedData = z.object({
  recordedAt: Instant,
  panelDate: CalendarDate,
  /** May be empty: the yearly publication counts reviews that led to recommendations. */
  recommendations: z.array(RecommendationSchema),
  summary: Narrative(8000),
});

export const ApplicantInformedData = z.object({
  informedAt: Instant,
  informedOn: CalendarDate,
  outcome: ApplicationOutcome,
  method: ContactMethod,
  message: Narrative(8000),
  recommendationCount: z.number().int().min(0).nullable(),
  /** Last date for an appeal to the Police and Crime Commissioner (Sch 4 para 3). */
  pccAppealBy: CalendarDate,
  applied: Applied,
});

export const PccAppealLodgedData = z.object({
  lodgedAt: Instant,
  lodgedOn: CalendarDate,
  pccAppealBy: CalendarDate,
  grounds: Narrative(8000),
});

export const PccAppealOutcomeRecordedData = z.object({
  recordedAt: Instant,
  outcome: PccAppealOutcome,
  findings: Narrative(8000),
});

export const ApplicationClosedData = z.object({
  closedAt: Instant,
  outcome: ApplicationOutcome,
  note: optionalPersonal(z.string().trim().min(1).max(4000)),
});

export type ApplicationReceived = DomainEvent<'ApplicationReceived', z.infer<typeof ApplicationReceivedData>>;
export type ApplicationAcknowledged = DomainEvent<'ApplicationAcknowledged', z.infer<typeof ApplicationAcknowledgedData>>;
export type ThresholdAssessed = DomainEvent<'ThresholdAssessed', z.infer<typeof ThresholdAssessedData>>;
export type ReviewPanelScheduled = DomainEvent<'ReviewPanelScheduled', z.infer<typeof ReviewPanelScheduledData>>;
export type PanelOutcomeRecorded = DomainEvent<'PanelOutcomeRecorded', z.infer<typeof PanelOutcomeRecordedData>>;
export type ApplicantInformed = DomainEvent<'ApplicantInformed', z.infer<typeof ApplicantInformedData>>;
export type PccAppealLodged = DomainEvent<'PccAppealLodged', z.infer<typeof PccAppealLodgedData>>;
export type PccAppealOutcomeRecorded = DomainEvent<
  'PccAppealOutcomeRecorded',
  z.infer<typeof PccAppealOutcomeRecordedData>
>;
export type ApplicationClosed = DomainEvent<'ApplicationClosed', z.infer<typeof ApplicationClosedData>>;

export type CommunityTriggerEvent =
  | ApplicationReceived
  | ApplicationAcknowledged
  | ThresholdAssessed
  | ReviewPanelScheduled
  | PanelOutcomeRecorded
  | ApplicantInformed
  | PccAppealLodged
  | PccAppealOutcomeRecorded
  | ApplicationClosed
  | DeadlineEvent;

export const COMMUNITY_TRIGGER_EVENT_SCHEMAS = {
  ApplicationReceived: ApplicationReceivedData,
  ApplicationAcknowledged: ApplicationAcknowledgedData,
  ThresholdAssessed: ThresholdAssessedData,
  ReviewPanelScheduled: ReviewPanelScheduledData,
  PanelOutcomeRecorded: PanelOutcomeRecordedData,
  ApplicantInformed: ApplicantInformedData,
  PccAppealLodged: PccAppealLodgedData,
  PccAppealOutcomeRecorded: PccAppealOutcomeRecordedData,
  ApplicationClosed: ApplicationClosedData,
  ...DEADLINE_EVENT_SCHEMAS,
} satisfies Record<CommunityTriggerEvent['type'], z.ZodType>;
