import { z } from 'zod';
import { personal } from '@casetrail/workflow';
import { AbcPartyRole, RepeatMatchedOn } from './asb.vocabulary';

/**
 * The parts that ASB commands and events share. Personal fields are marked where they sit in
 * their object (the optional wrapper included), so crypto-shredding finds them by walking shapes.
 */

export const Instant = z.iso.datetime({ offset: true });
export const CalendarDate = z.iso.date();

/** An agency's code, e.g. `tmbc` or `kent-police`: agencies are counted and filtered by it. */
export const AgencyCode = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens');

/** An id the caller gives a thing within the case (an incident, a perpetrator). */
export const LocalId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, hyphens and underscores');

export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A stream id: `<caseType>-<uuid>`. */
export const CaseId = z
  .string()
  .max(100)
  .regex(new RegExp(`^[a-z][a-z-]*-${UUID_PATTERN}$`), 'a case id: <case type>-<uuid>');

export const Caseworker = z.strictObject({ caseworkerId: z.string().min(1).max(100), agency: AgencyCode });
export type Caseworker = z.infer<typeof Caseworker>;

export const ContactDetails = z.strictObject({
  phone: personal(z.string().min(3).max(30).optional()),
  email: personal(z.email().max(254).optional()),
  address: personal(z.string().min(1).max(500).optional()),
});

export const PersonVictim = z.strictObject({
  kind: z.literal('person'),
  // Empty when only one name is known: the family name then carries it.
  givenName: personal(z.string().max(100)),
  familyName: personal(z.string().min(1).max(100)),
  contact: ContactDetails,
});

// An organisation's name is marked personal too: a sole trader's business or a small residents'
// group can identify the people behind it.
export const OrganisationVictim = z.strictObject({
  kind: z.enum(['business', 'community-group']),
  name: personal(z.string().min(1).max(200)),
  contactName: personal(z.string().min(1).max(200).optional()),
  contact: ContactDetails,
});

export const Victim = z.discriminatedUnion('kind', [PersonVictim, OrganisationVictim]);
export type Victim = z.infer<typeof Victim>;

export const Location = z
  .strictObject({
    address: personal(z.string().min(1).max(500).optional()),
    description: personal(z.string().min(1).max(1000).optional()),
  })
  .refine((l) => l.address !== undefined || l.description !== undefined, {
    message: 'give an address or a description of the location',
    path: ['address'],
  });
export type Location = z.infer<typeof Location>;

export const Perpetrator = z
  .strictObject({
    perpetratorId: LocalId,
    givenName: personal(z.string().min(1).max(100).optional()),
    familyName: personal(z.string().min(1).max(100).optional()),
    // Often all a victim can say at first: "two youths on bikes".
    description: personal(z.string().min(1).max(1000).optional()),
    dateOfBirth: personal(CalendarDate.optional()),
  })
  .refine((p) => p.familyName !== undefined || p.description !== undefined, {
    message: 'give a family name or a description of the alleged perpetrator',
    path: ['familyName'],
  });
export type Perpetrator = z.infer<typeof Perpetrator>;

/** One complaint: when the behaviour happened and when it was reported. */
export const IncidentReport = z.strictObject({
  incidentId: LocalId,
  behaviourDate: CalendarDate,
  reportedDate: CalendarDate,
  description: personal(z.string().min(1).max(4000)),
});

export const RepeatMatch = z.strictObject({
  caseId: CaseId,
  matchedOn: RepeatMatchedOn,
});
export type RepeatMatch = z.infer<typeof RepeatMatch>;

export const RiskAnswer = z.strictObject({
  question: z.string().min(1).max(500),
  // The victims' answers: one subject for all of them (docs/privacy.md), not one per answer.
  answer: personal(z.string().min(1).max(2000), 'victims'),
});

export const AbcParty = z.strictObject({
  role: AbcPartyRole,
  name: personal(z.string().min(1).max(200)),
});
