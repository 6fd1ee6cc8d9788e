import { z } from 'zod';
import { DEADLINE_EVENT_SCHEMAS, DeadlineEvent, DomainEvent, personal } from '@casetrail/workflow';
import {
  CalendarDate,
  ClosureOutcome,
  ContactMethod,
  ContactOutcome,
  DashAnswer,
  Idva,
  Instant,
  MaracReason,
  narrative,
  ReferralDetails,
  RiskLevel,
  RiskTool,
  SupportService,
} from './da-referral.vocabulary';
import { DashCutOffs } from './da-referral.policy';

export const ReferralReceivedData = ReferralDetails.extend({ receivedAt: Instant });

export const RiskAssessedData = z.object({
  tool: RiskTool,
  questionCount: z.number().int().positive(),
  // The answers themselves are special category data about the victim.
  answers: personal(z.array(DashAnswer), 'victim'),
  score: z.number().int().min(0),
  cutOffs: DashCutOffs,
  scoreLevel: RiskLevel,
  finalLevel: RiskLevel,
  /** The assessor's professional judgement; it can only raise the score-based level. */
  judgement: z.object({ raised: z.boolean(), reasons: narrative('victim').optional() }),
  assessedAt: Instant,
});

/** The thresholds in force when the routing was decided, so a replay shows why it went where it did. */
const RoutingThresholds = z.object({ escalationIncidents: z.number().int(), repeatWindowMonths: z.number().int() });

export const ReferredToMaracData = z.object({
  meetingDate: CalendarDate,
  reasons: z.array(MaracReason).min(1),
  repeat: z.boolean(),
  riskLevel: RiskLevel,
  incidentsInLast12Months: z.number().int().min(0),
  thresholds: RoutingThresholds,
  referredAt: Instant,
});

export const ReferredToSupportServiceData = z.object({
  service: SupportService,
  riskLevel: RiskLevel,
  /** True when a MARAC case is also referred to the support service (the IDVA still leads). */
  alongsideMarac: z.boolean(),
  thresholds: RoutingThresholds,
  referredAt: Instant,
});

export const IdvaAllocatedData = Idva.extend({ allocatedAt: Instant });

export const ContactAttemptRecordedData = z.object({
  attemptNumber: z.number().int().positive(),
  attemptedAt: Instant,
  method: ContactMethod,
  outcome: ContactOutcome,
  notes: narrative('victim').optional(),
});

export const ReferralClosedData = z.object({
  outcome: ClosureOutcome,
  notes: narrative('victim').optional(),
  /** For a not-engaged closure: the contact standard the attempts were held to. */
  contactStandard: z.object({ attemptsRequired: z.number().int(), windowDays: z.number().int() }).optional(),
  closedAt: Instant,
});

export const RestrictedToNameAndAgenciesData = z.object({
  restrictedAt: Instant,
  reason: narrative('victim'),
});

export const DA_REFERRAL_EVENT_SCHEMAS = {
  ReferralReceived: ReferralReceivedData,
  RiskAssessed: RiskAssessedData,
  ReferredToMarac: ReferredToMaracData,
  ReferredToSupportService: ReferredToSupportServiceData,
  IdvaAllocated: IdvaAllocatedData,
  ContactAttemptRecorded: ContactAttemptRecordedData,
  ReferralClosed: ReferralClosedData,
  RestrictedToNameAndAgencies: RestrictedToNameAndAgenciesData,
  ...DEADLINE_EVENT_SCHEMAS,
} as const;

type CaseEventSchemas = Omit<typeof DA_REFERRAL_EVENT_SCHEMAS, keyof typeof DEADLINE_EVENT_SCHEMAS>;

type DaReferralCaseEvent = {
  [Type in keyof CaseEventSchemas]: DomainEvent<Type, z.infer<CaseEventSchemas[Type]>>;
}[keyof CaseEventSchemas];

export type DaReferralEvent = DaReferralCaseEvent | DeadlineEvent;
