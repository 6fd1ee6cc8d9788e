import { z } from 'zod';
import { ExpireDeadlineData, personal } from '@casetrail/workflow';
import {
  BodyRecipientShape,
  CalendarDate,
  EscalationOutcome,
  IndividualRecipientShape,
  IssuerShape,
  narrative,
  Pence,
  Reference,
  RequirementShape,
  S43LimbShape,
} from './cpw-cpn.vocabulary';

/**
 * What an officer can ask of a CPW -> CPN escalation. Strict objects: a field the schema does not
 * know is refused, so a misspelt field never passes silently. Money is in whole pence.
 */

const Issuer = z.strictObject(IssuerShape);
const Count = z.number().int().positive();

/** Distinct values only: the same requirement or breach named twice is a mistake. */
function distinct<T extends z.ZodType>(item: T, label: string) {
  return z
    .array(item)
    .max(50)
    .superRefine((values, ctx) => {
      const seen = new Set<unknown>();
      values.forEach((value, index) => {
        if (seen.has(value)) ctx.addIssue({ code: 'custom', message: `${label} named twice`, path: [index] });
        seen.add(value);
      });
    });
}

export const OpenEscalationData = z.strictObject({
  recipient: z.discriminatedUnion('kind', [
    z.strictObject(IndividualRecipientShape),
    z.strictObject(BodyRecipientShape),
  ]),
  conduct: z.strictObject({ narrative: narrative() }),
  asbCaseId: Reference.optional(),
});

export const RecordRecipientDateOfBirthData = z.strictObject({ dateOfBirth: personal(z.iso.date()) });

export const IssueCpwData = z.strictObject({
  issuer: Issuer,
  s43Test: z.strictObject({
    detrimentalEffect: z.strictObject(S43LimbShape),
    persistentOrContinuing: z.strictObject(S43LimbShape),
    unreasonable: z.strictObject(S43LimbShape),
  }),
  requirements: z
    .array(z.strictObject(RequirementShape))
    .min(1)
    .max(20)
    .superRefine((requirements, ctx) => {
      const seen = new Set<string>();
      requirements.forEach(({ requirementId }, index) => {
        if (seen.has(requirementId)) {
          ctx.addIssue({ code: 'custom', message: 'requirement id used twice', path: [index, 'requirementId'] });
        }
        seen.add(requirementId);
      });
    }),
  timeToComply: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('days'), days: Count.max(366) }),
    z.strictObject({ kind: z.literal('date'), complyBy: CalendarDate }),
  ]),
  /** The officer confirms the written warning says a notice will follow (s43(5)(a)). */
  statesCpnWillFollow: z.boolean(),
});

export const RecordConductAfterWarningData = z.strictObject({
  conductContinued: z.boolean(),
  note: narrative(4000),
});

export const LapseCpwData = z.strictObject({});

export const IssueCpnData = z.strictObject({
  issuer: Issuer,
  requirementIds: distinct(Reference, 'requirement').min(1),
  // May be empty here so that the s43(6) rule refuses it by name.
  appropriateBodiesInformed: z.array(z.strictObject({ body: Reference, informedOn: CalendarDate })).max(20),
});

export const LodgeAppealData = z.strictObject({ lodgedOn: CalendarDate });

export const RecordAppealOutcomeData = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('quashed'), decidedOn: CalendarDate }),
  z.strictObject({
    outcome: z.literal('modified'),
    decidedOn: CalendarDate,
    modifiedRequirements: z
      .array(z.strictObject({ requirementId: Reference, text: narrative(2000) }))
      .min(1)
      .max(20),
  }),
  z.strictObject({ outcome: z.literal('dismissed'), decidedOn: CalendarDate }),
]);

export const ExpireCpnData = z.strictObject({});

export const RecordBreachData = z.strictObject({
  occurredOn: CalendarDate,
  requirementIds: distinct(Reference, 'requirement').min(1),
  description: narrative(),
});

export const IssueFpnData = z.strictObject({ breachNumber: Count, issuer: Issuer });

export const RecordFpnPaymentData = z.strictObject({
  breachNumber: Count,
  amountPence: Pence.positive(),
  paidOn: CalendarDate,
});

export const RecordFpnUnpaidData = z.strictObject({ breachNumber: Count });

export const StartProsecutionData = z.strictObject({
  breachNumbers: distinct(Count, 'breach').min(1),
  /** The magistrates' court hearing it. */
  court: Reference,
});

export const RecordProsecutionOutcomeData = z.discriminatedUnion('result', [
  z.strictObject({
    result: z.literal('guilty'),
    prosecutionNumber: Count,
    decidedOn: CalendarDate,
    charges: Count.max(100),
    finePerChargePence: Pence,
    costsPence: Pence,
    victimSurchargePence: Pence,
  }),
  z.strictObject({ result: z.literal('not-guilty'), prosecutionNumber: Count, decidedOn: CalendarDate }),
  z.strictObject({ result: z.literal('withdrawn'), prosecutionNumber: Count, decidedOn: CalendarDate }),
]);

export const RecordRemedialActionData = z.strictObject({
  description: narrative(4000),
  costPence: Pence,
  carriedOutOn: CalendarDate,
});

export const CloseEscalationData = z.strictObject({
  outcome: EscalationOutcome,
  note: narrative(4000).optional(),
});

export const CPW_CPN_COMMAND_SCHEMAS = {
  OpenEscalation: OpenEscalationData,
  RecordRecipientDateOfBirth: RecordRecipientDateOfBirthData,
  IssueCpw: IssueCpwData,
  RecordConductAfterWarning: RecordConductAfterWarningData,
  LapseCpw: LapseCpwData,
  IssueCpn: IssueCpnData,
  LodgeAppeal: LodgeAppealData,
  RecordAppealOutcome: RecordAppealOutcomeData,
  ExpireCpn: ExpireCpnData,
  RecordBreach: RecordBreachData,
  IssueFpn: IssueFpnData,
  RecordFpnPayment: RecordFpnPaymentData,
  RecordFpnUnpaid: RecordFpnUnpaidData,
  StartProsecution: StartProsecutionData,
  RecordProsecutionOutcome: RecordProsecutionOutcomeData,
  RecordRemedialAction: RecordRemedialActionData,
  CloseEscalation: CloseEscalationData,
  ExpireDeadline: ExpireDeadlineData,
} as const;

type CommandSchemas = typeof CPW_CPN_COMMAND_SCHEMAS;
export type CpwCpnCommandType = keyof CommandSchemas;
export type CpwCpnCommand = { [K in CpwCpnCommandType]: { type: K; data: z.infer<CommandSchemas[K]> } }[CpwCpnCommandType];
export type CommandData<K extends CpwCpnCommandType> = z.infer<CommandSchemas[K]>;
