import { z } from 'zod';
import { personal } from '@casetrail/workflow';

/**
 * The parts an application is made of, shared by the commands that carry them in and the
 * events that record them. Strict, so a field the API does not know is refused rather than
 * stored unread.
 */

export const Instant = z.iso.datetime({ offset: true });
export const CalendarDate = z.iso.date();

/** Ids from other systems (complaint refs, ASB case ids): printable, no spaces. */
export const ExternalId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'letters, digits and . _ : / - only');

/** Agency codes and behaviour categories are local lists, shared with the ASB case type. */
export const Slug = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens');

/** Free text about people: names, addresses, narratives. Marked for crypto-shredding. */
export const Narrative = (max: number) => personal(z.string().trim().min(1).max(max));

/**
 * An optional personal field, marked on both the field and its inner schema, so whoever walks
 * the shape for personal data finds it whether or not they unwrap optionals first.
 */
export function optionalPersonal<T extends z.ZodType>(schema: T) {
  return personal(personal(schema).optional());
}

export const ContactSchema = z.strictObject({
  address: optionalPersonal(z.string().trim().min(1).max(500)),
  phone: optionalPersonal(z.string().trim().min(3).max(40)),
  email: optionalPersonal(z.email().max(254)),
});

export const ApplicantRelationship = z.enum(['victim', 'family-member', 'carer', 'councillor', 'mp', 'other']);
export type ApplicantRelationship = z.infer<typeof ApplicantRelationship>;

export const ConsentSchema = z.strictObject({
  givenOn: CalendarDate,
  form: z.enum(['written', 'verbal', 'email']),
});

/** Who applies: the victim, or someone on their behalf, who then needs the victim's consent. */
export const ApplicantSchema = z.strictObject({
  relationship: ApplicantRelationship,
  name: Narrative(200),
  contact: ContactSchema,
  consent: ConsentSchema.optional(),
});
export type Applicant = z.infer<typeof ApplicantSchema>;

export const VictimKind = z.enum(['person', 'business', 'community-group']);

export const VictimSchema = z.strictObject({
  kind: VictimKind,
  name: Narrative(200),
  contact: ContactSchema.optional(),
});

/** A complaint the application relies on; the dates decide whether it qualifies (s104(11)). */
export const ComplaintSchema = z.strictObject({
  complaintId: ExternalId,
  behaviourDate: CalendarDate,
  reportDate: CalendarDate,
  reportedTo: Slug,
  /** Counts distinct people complaining (a local extra); absent when not known. */
  complainantId: ExternalId.optional(),
  hateIncident: z.boolean().optional(),
  category: Slug,
  asbIncident: z.strictObject({ asbCaseId: ExternalId, incidentId: ExternalId }).optional(),
});
export type Complaint = z.infer<typeof ComplaintSchema>;

/** The matters s104(5) lets the bodies weigh when the count does not decide. */
export const DiscretionaryReasonsSchema = z.strictObject({
  persistence: Narrative(4000),
  harm: Narrative(4000),
  adequacyOfResponse: Narrative(4000),
});

export const DiscretionaryDecisionSchema = z.strictObject({
  met: z.boolean(),
  reasons: DiscretionaryReasonsSchema,
});
export type DiscretionaryDecision = z.infer<typeof DiscretionaryDecisionSchema>;

export const RecommendationSchema = z.strictObject({
  recommendationId: ExternalId,
  agency: Slug,
  action: Narrative(2000),
  targetDate: CalendarDate.optional(),
});

export const ContactMethod = z.enum(['letter', 'email', 'phone', 'in-person']);

export const PccAppealOutcome = z.enum(['upheld', 'partly-upheld', 'not-upheld']);
export type PccAppealOutcome = z.infer<typeof PccAppealOutcome>;

export const ApplicationOutcome = z.enum(['threshold-not-met', 'review-completed']);
export type ApplicationOutcome = z.infer<typeof ApplicationOutcome>;
