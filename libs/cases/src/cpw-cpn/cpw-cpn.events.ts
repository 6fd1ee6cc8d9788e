import { z } from 'zod';
import { DEADLINE_EVENT_SCHEMAS, DomainEvent, personal } from '@casetrail/workflow';
import {
  BodyRecipientShape,
  CalendarDate,
  EscalationOutcome,
  IndividualRecipientShape,
  Instant,
  IssuerShape,
  narrative,
  Pence,
  Reference,
  RequirementShape,
  S43LimbShape,
} from './cpw-cpn.vocabulary';

/**
 * What happened in a CPW -> CPN escalation. Every event that applied a policy value records it
 * (`policyApplied`, and the dates it produced) so a replay years later shows what was in force.
 */

/** A policy value as it was applied: key, value, the date it took effect and its source. */
export const AppliedPolicyRecord = z.object({
  key: z.string().min(1),
  value: z.unknown(),
  effectiveFrom: CalendarDate,
  source: z.string().optional(),
});

const Issuer = z.object(IssuerShape);
const Requirement = z.object(RequirementShape);
const PolicyApplied = z.array(AppliedPolicyRecord);

export const EscalationOpenedData = z.object({
  openedAt: Instant,
  /** The agency of the officer who opened it. */
  agency: Reference,
  asbCaseId: Reference.optional(),
  recipient: z.discriminatedUnion('kind', [z.object(IndividualRecipientShape), z.object(BodyRecipientShape)]),
  conduct: z.object({ narrative: narrative() }),
});

export const RecipientDateOfBirthRecordedData = z.object({
  recordedAt: Instant,
  dateOfBirth: personal(z.iso.date()),
});

export const CpwIssuedData = z.object({
  issuedAt: Instant,
  issuedOn: CalendarDate,
  issuer: Issuer,
  s43Test: z.object({
    detrimentalEffect: z.object(S43LimbShape),
    persistentOrContinuing: z.object(S43LimbShape),
    unreasonable: z.object(S43LimbShape),
  }),
  requirements: z.array(Requirement).min(1),
  /** The last day the recipient has to comply. */
  complyBy: CalendarDate,
  /** s43(5)(a): the warning says a notice will follow unless the conduct changes. */
  statesCpnWillFollow: z.literal(true),
  /** The last day before the warning lapses (local convention). */
  inForceUntil: CalendarDate,
  /** The recipient's age in years on the issue date; null for a body. */
  recipientAgeOnIssue: z.number().int().nonnegative().nullable(),
  policyApplied: PolicyApplied,
});

export const ConductAfterWarningRecordedData = z.object({
  recordedAt: Instant,
  reviewedOn: CalendarDate,
  conductContinued: z.boolean(),
  note: narrative(4000),
});

export const CpwLapsedData = z.object({ lapsedAt: Instant, inForceUntil: CalendarDate });

export const CpnIssuedData = z.object({
  issuedAt: Instant,
  issuedOn: CalendarDate,
  issuer: Issuer,
  requirements: z.array(Requirement).min(1),
  /** s43(6): who was told before issue. */
  appropriateBodiesInformed: z.array(z.object({ body: Reference, informedOn: CalendarDate })).min(1),
  /** The last day on which an appeal may be lodged (s46(2)). */
  appealDeadline: CalendarDate,
  /** The last day the notice is in force (local convention). */
  inForceUntil: CalendarDate,
  policyApplied: PolicyApplied,
});

export const AppealLodgedData = z.object({
  recordedAt: Instant,
  lodgedOn: CalendarDate,
  /** s46(3): requirements other than "stop doing" ones have no effect while the appeal runs. */
  suspendedRequirementIds: z.array(Reference),
});

const AppealDecisionShape = { recordedAt: Instant, decidedOn: CalendarDate };
export const AppealDecidedData = z.discriminatedUnion('outcome', [
  z.object({ ...AppealDecisionShape, outcome: z.literal('quashed') }),
  z.object({
    ...AppealDecisionShape,
    outcome: z.literal('modified'),
    modifiedRequirements: z.array(z.object({ requirementId: Reference, text: narrative(2000) })).min(1),
  }),
  z.object({ ...AppealDecisionShape, outcome: z.literal('dismissed') }),
]);

export const CpnExpiredData = z.object({ expiredAt: Instant, inForceUntil: CalendarDate });

export const BreachRecordedData = z.object({
  breachNumber: z.number().int().positive(),
  recordedAt: Instant,
  occurredOn: CalendarDate,
  requirementIds: z.array(Reference).min(1),
  description: narrative(),
});

export const FpnIssuedData = z.object({
  breachNumber: z.number().int().positive(),
  issuedAt: Instant,
  issuedOn: CalendarDate,
  issuer: Issuer,
  amountPence: Pence,
  /** The lower amount and the last day it may be paid (s52(8)); null when none is offered. */
  earlyPayment: z.object({ amountPence: Pence, payBy: CalendarDate }).nullable(),
  /** The last day of the 14 days following the notice (s52(5)). */
  payBy: CalendarDate,
  paymentDeadlineId: z.string().min(1),
  policyApplied: PolicyApplied,
});

export const FpnPaidData = z.object({
  breachNumber: z.number().int().positive(),
  recordedAt: Instant,
  paidOn: CalendarDate,
  amountPence: Pence,
  earlyPaymentDiscount: z.boolean(),
});

export const FpnUnpaidData = z.object({
  breachNumber: z.number().int().positive(),
  recordedAt: Instant,
  payBy: CalendarDate,
  /** How the system learnt of it: the deadline firing, an officer, or a prosecution starting. */
  basis: z.enum(['payment-period-missed', 'recorded-by-officer', 'prosecution-started']),
});

export const ProsecutionStartedData = z.object({
  prosecutionNumber: z.number().int().positive(),
  startedAt: Instant,
  startedOn: CalendarDate,
  breachNumbers: z.array(z.number().int().positive()).min(1),
  court: Reference,
});

const ProsecutionDecisionShape = {
  prosecutionNumber: z.number().int().positive(),
  recordedAt: Instant,
  decidedOn: CalendarDate,
};
export const ProsecutionConcludedData = z.discriminatedUnion('result', [
  z.object({
    ...ProsecutionDecisionShape,
    result: z.literal('guilty'),
    charges: z.number().int().positive(),
    finePerChargePence: Pence,
    totalFinePence: Pence,
    costsPence: Pence,
    victimSurchargePence: Pence,
    totalPayablePence: Pence,
    /** The statutory maximum per charge that was applied; null when the law sets none. */
    maximumFinePerChargePence: Pence.nullable(),
    policyApplied: PolicyApplied,
  }),
  z.object({ ...ProsecutionDecisionShape, result: z.literal('not-guilty') }),
  z.object({ ...ProsecutionDecisionShape, result: z.literal('withdrawn') }),
]);

export const RemedialActionRecordedData = z.object({
  actionNumber: z.number().int().positive(),
  recordedAt: Instant,
  carriedOutOn: CalendarDate,
  description: narrative(4000),
  costPence: Pence,
});

export const EscalationClosedData = z.object({
  closedAt: Instant,
  outcome: EscalationOutcome,
  note: narrative(4000).optional(),
});

export const CPW_CPN_EVENT_SCHEMAS = {
  EscalationOpened: EscalationOpenedData,
  RecipientDateOfBirthRecorded: RecipientDateOfBirthRecordedData,
  CpwIssued: CpwIssuedData,
  ConductAfterWarningRecorded: ConductAfterWarningRecordedData,
  CpwLapsed: CpwLapsedData,
  CpnIssued: CpnIssuedData,
  AppealLodged: AppealLodgedData,
  AppealDecided: AppealDecidedData,
  CpnExpired: CpnExpiredData,
  BreachRecorded: BreachRecordedData,
  FpnIssued: FpnIssuedData,
  FpnPaid: FpnPaidData,
  FpnUnpaid: FpnUnpaidData,
  ProsecutionStarted: ProsecutionStartedData,
  ProsecutionConcluded: ProsecutionConcludedData,
  RemedialActionRecorded: RemedialActionRecordedData,
  EscalationClosed: EscalationClosedData,
  ...DEADLINE_EVENT_SCHEMAS,
} as const;

type EventSchemas = typeof CPW_CPN_EVENT_SCHEMAS;
export type CpwCpnEventType = keyof EventSchemas;
export type CpwCpnEvent = { [K in CpwCpnEventType]: DomainEvent<K, z.infer<EventSchemas[K]>> }[CpwCpnEventType];
export type EventOf<K extends CpwCpnEventType> = Extract<CpwCpnEvent, { type: K }>;

export type AppliedPolicyRecord = z.infer<typeof AppliedPolicyRecord>;
export type RequirementRecord = z.infer<typeof Requirement>;
