import { z } from 'zod';
import { AppliedPolicy, PolicyLookup, startOfLondonDay } from '@casetrail/workflow';

/**
 * Every number the CPW -> CPN rules use, effective-dated in policy/cpw-cpn.yaml. Money is in
 * whole pence throughout the case type (policy, commands and events) so no sum is ever a float.
 */
const Pence = z.number().int().positive();
const WholeDays = z.number().int().positive();
const WholeMonths = z.number().int().positive();

export const FpnEarlyPaymentPolicy = z
  .strictObject({ amount: Pence, withinDays: WholeDays })
  // null: the council offers no early-payment discount.
  .nullable();

export const cpwCpnPolicy = {
  section: 'cpw-cpn',
  schema: z.object({
    minimumRecipientAge: z.number().int().positive(),
    appealDays: WholeDays,
    fpnAmount: Pence,
    fpnPaymentDays: WholeDays,
    fpnEarlyPayment: FpnEarlyPaymentPolicy,
    maximumFineIndividual: Pence,
    // null: no statutory maximum (a fine of any amount).
    maximumFineBody: Pence.nullable(),
    cpwLapseMonths: WholeMonths,
    cpnDurationMonths: WholeMonths,
  }),
};

export type CpwCpnPolicyValues = z.infer<typeof cpwCpnPolicy.schema>;
export type CpwCpnPolicyKey = keyof CpwCpnPolicyValues;
export type FpnEarlyPayment = z.infer<typeof FpnEarlyPaymentPolicy>;

/** The value of a key in force on a London date or at an instant, with where it came from. */
export function policyAt<K extends CpwCpnPolicyKey>(
  policy: PolicyLookup,
  key: K,
  at: { instant: string } | { date: string },
): AppliedPolicy<CpwCpnPolicyValues[K]> {
  const instant = 'instant' in at ? at.instant : startOfLondonDay(at.date).toISOString();
  return policy.get<CpwCpnPolicyValues[K]>(cpwCpnPolicy.section, key, instant);
}
