import { z } from 'zod';
import { personal } from '@casetrail/workflow';

/**
 * The words of the CPW -> CPN escalation shared by its commands and events: closed lists,
 * dates, money and the shapes both sides record. Shapes are plain field maps so commands can
 * wrap them strictly (unknown fields refused) and events leniently.
 */

/** System time: an ISO instant. */
export const Instant = z.iso.datetime({ offset: true });
/** A London calendar date (YYYY-MM-DD): behaviour dates, dates of birth, dates in law. */
export const CalendarDate = z.iso.date();
/** Money in whole pence, never a float of pounds. */
export const Pence = z.number().int().nonnegative();
export const Reference = z.string().trim().min(1).max(64);

/**
 * A free-text account that may name people or places. A new schema each call, because
 * personal() marks the very instance it is given.
 */
export function narrative(maxLength = 10_000) {
  return personal(z.string().trim().min(1).max(maxLength));
}

export const RequirementKind = z.enum(['stop', 'do']);
export type RequirementKind = z.infer<typeof RequirementKind>;

/** Who may issue under s53: a constable, the council, or a person the council designates. */
export const IssuerType = z.enum(['constable', 'council', 'designated-person']);

export const EscalationOutcome = z.enum([
  'conduct-stopped',
  'cpw-lapsed',
  'cpn-complied-with',
  'cpn-quashed',
  'cpn-expired',
  'enforcement-concluded',
  'no-further-action',
]);

export const IssuerShape = {
  issuerType: IssuerType,
  /** Staff, collar or designation number. */
  issuerId: Reference,
  name: personal(z.string().trim().min(1).max(200)),
  /** The issuer's agency, e.g. the council or the police force. */
  agency: Reference,
};

export const RequirementShape = {
  /** Chosen at the warning and kept by the notice, so a CPN can only repeat the CPW's words. */
  requirementId: Reference,
  kind: RequirementKind,
  // Requirements often name a place or a person ("stop parking on the verge outside no. 12").
  text: narrative(2000),
};

/** One limb of the s43(1) test as the issuing officer found it, with the reasons. */
export const S43LimbShape = {
  met: z.boolean(),
  note: narrative(4000),
};
export const S43_LIMBS = ['detrimentalEffect', 'persistentOrContinuing', 'unreasonable'] as const;
export type S43Limb = (typeof S43_LIMBS)[number];

export const IndividualRecipientShape = {
  kind: z.literal('individual'),
  name: personal(z.string().trim().min(1).max(200)),
  // Optional as a whole field, and marked as a whole field.
  dateOfBirth: personal(z.iso.date().optional()),
  address: personal(z.string().trim().min(1).max(500)),
};

/** A company or organisation: its name and registered address are not personal data. */
export const BodyRecipientShape = {
  kind: z.literal('body'),
  name: z.string().trim().min(1).max(200),
  registeredAddress: z.string().trim().min(1).max(500),
};
