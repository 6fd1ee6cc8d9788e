import { z } from 'zod';
import { DomainCommand, ExpireDeadline, ExpireDeadlineData } from '@casetrail/workflow';
import {
  CalendarDate,
  ClosureOutcome,
  ContactMethod,
  ContactOutcome,
  DashAnswer,
  Idva,
  Instant,
  narrative,
  ReferralDetails,
  RiskLevel,
  RiskTool,
  SupportService,
} from './da-referral.vocabulary';

export const ReceiveReferralData = ReferralDetails;

export const AssessRiskData = z.strictObject({
  tool: RiskTool,
  // Bounded well above any tool's length; the exact count is the tool's rule (DASH_ANSWER_COUNT_MISMATCH).
  answers: z.array(DashAnswer).max(100),
  professionalJudgement: z
    .strictObject({
      level: RiskLevel,
      reasons: narrative('victim').optional(),
    })
    .optional(),
});

export const RouteReferralData = z.discriminatedUnion('route', [
  z.strictObject({
    route: z.literal('marac'),
    meetingDate: CalendarDate,
    /** Names the IDVA now; otherwise AllocateIdva must follow before any contact. */
    idva: Idva.optional(),
    /** A MARAC case may also be referred to the support service, never to it alone. */
    supportService: SupportService.optional(),
  }),
  z.strictObject({ route: z.literal('support-service'), service: SupportService }),
]);

export const AllocateIdvaData = Idva;

export const RecordContactAttemptData = z.strictObject({
  attemptedAt: Instant,
  method: ContactMethod,
  outcome: ContactOutcome,
  notes: narrative('victim').optional(),
});

export const CloseReferralData = z.strictObject({
  outcome: ClosureOutcome,
  notes: narrative('victim').optional(),
});

export const RestrictToNameAndAgenciesData = z.strictObject({ reason: narrative('victim') });

export const DA_REFERRAL_COMMAND_SCHEMAS = {
  ReceiveReferral: ReceiveReferralData,
  AssessRisk: AssessRiskData,
  RouteReferral: RouteReferralData,
  AllocateIdva: AllocateIdvaData,
  RecordContactAttempt: RecordContactAttemptData,
  CloseReferral: CloseReferralData,
  RestrictToNameAndAgencies: RestrictToNameAndAgenciesData,
  ExpireDeadline: ExpireDeadlineData,
} as const;

type CaseCommandSchemas = Omit<typeof DA_REFERRAL_COMMAND_SCHEMAS, 'ExpireDeadline'>;

type DaReferralCaseCommand = {
  [Type in keyof CaseCommandSchemas]: DomainCommand<Type, z.infer<CaseCommandSchemas[Type]>>;
}[keyof CaseCommandSchemas];

export type DaReferralCommand = DaReferralCaseCommand | ExpireDeadline;
export type DaReferralCommandType = DaReferralCommand['type'];

export type CommandOf<Type extends DaReferralCommandType> = Extract<DaReferralCommand, { type: Type }>;
