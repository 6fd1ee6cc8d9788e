import { z } from 'zod';
import { personal } from '@casetrail/workflow';

/**
 * The closed lists and the people of a domestic-abuse referral, shared by its commands and
 * events so that what is accepted and what is recorded cannot drift apart.
 */

export const Instant = z.iso.datetime({ offset: true });
/** A London calendar date, YYYY-MM-DD (dates of birth, meeting dates). */
export const CalendarDate = z.iso.date();

export const ReferralSource = z.enum(['police', 'health', 'housing', 'self', 'childrens-services', 'other']);
export type ReferralSource = z.infer<typeof ReferralSource>;

export const VictimGender = z.enum(['female', 'male', 'non-binary', 'not-known']);
export type VictimGender = z.infer<typeof VictimGender>;

const PERPETRATOR_RELATIONSHIPS = ['current-partner', 'former-partner', 'parent', 'child', 'other-family-member', 'other'] as const;

export const RiskLevel = z.enum(['standard', 'medium', 'high']);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const DashAnswer = z.enum(['yes', 'no', 'dont-know']);
export type DashAnswer = z.infer<typeof DashAnswer>;

export const MaracReason = z.enum(['high-risk', 'potential-escalation', 'repeat']);
export type MaracReason = z.infer<typeof MaracReason>;

/** The commissioned support services for standard and medium risk. */
export const SupportService = z.enum(['outreach', 'one-stop-shop', 'freedom-programme']);
export type SupportService = z.infer<typeof SupportService>;

export const ContactMethod = z.enum(['phone', 'text-message', 'email', 'letter', 'in-person', 'through-referrer']);
export const ContactOutcome = z.enum(['successful', 'no-answer', 'unsafe-to-contact', 'declined']);
export type ContactOutcome = z.infer<typeof ContactOutcome>;

export const ClosureOutcome = z.enum(['engaged-and-safer', 'declined-support', 'not-engaged', 'moved-area', 'other']);
export type ClosureOutcome = z.infer<typeof ClosureOutcome>;

const AgencyName = z.string().trim().min(1).max(120);
const StaffId = z.string().trim().min(1).max(100);

// personal() marks the schema instance it is given: personal fields always get a fresh one, or
// every other field sharing the instance (a meeting date, say) would be shredded with them.

/** Free text about a person's circumstances: personal data of `subject`, shredded with them. */
export function narrative(subject: string) {
  return personal(z.string().trim().min(1).max(2000), subject);
}

export const Victim = z.strictObject({
  name: personal(z.string().trim().min(1).max(200), 'victim'),
  dateOfBirth: personal(z.iso.date(), 'victim'),
  address: personal(z.string().trim().min(1).max(500), 'victim'),
  phone: personal(z.string().trim().min(3).max(30).optional(), 'victim'),
  safeContactNotes: personal(z.string().trim().min(1).max(2000).optional(), 'victim'),
  // Not marked personal: the partnership must publish victims by gender (268 female, 8 male),
  // and on its own it does not identify anyone. Shredding it would break those figures.
  gender: VictimGender,
});

export const Perpetrator = z.strictObject({
  name: personal(z.string().trim().min(1).max(200), 'perpetrator'),
  // Often unknown to the referrer.
  dateOfBirth: personal(z.iso.date().optional(), 'perpetrator'),
  relationshipToVictim: personal(z.enum(PERPETRATOR_RELATIONSHIPS), 'perpetrator'),
});

/** What a referrer tells us; the command's data and the heart of ReferralReceived. */
export const ReferralDetails = z.strictObject({
  source: ReferralSource,
  // A self-referral still arrives through an agency (helpline, IDVA service, One Stop Shop).
  referringAgency: AgencyName,
  victim: Victim,
  perpetrator: Perpetrator,
  childrenInHousehold: z.number().int().min(0).max(30),
  /** Incidents or police call-outs in the last 12 months, for the potential-escalation test. */
  incidentsInLast12Months: z.number().int().min(0).max(1000),
  /** From the repeat index (same victim and perpetrator); absent when there has been none. */
  lastMaracReferralDate: CalendarDate.optional(),
});
export type ReferralDetails = z.infer<typeof ReferralDetails>;

export const RiskTool = z.strictObject({
  name: z.string().trim().min(1).max(40),
  version: z.string().trim().min(1).max(20),
});

export const Idva = z.strictObject({ idvaId: StaffId, service: AgencyName });
export type Idva = z.infer<typeof Idva>;
