import { z } from 'zod';

/**
 * The closed lists of an ASB case. The partnership reports by these values (e.g. mediation
 * referrals by type), so they are enums, not free text.
 */

export const AsbCategory = z.enum([
  'noise',
  'harassment',
  'criminal-damage',
  'drug-related',
  'street-drinking',
  'vehicle-related',
  'neighbour-dispute',
  'hate-related',
  'other',
]);
export type AsbCategory = z.infer<typeof AsbCategory>;

export const RiskLevel = z.enum(['standard', 'medium', 'high']);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const EscalationRoute = z.enum(['cpw-cpn', 'injunction', 'closure-order']);
export type EscalationRoute = z.infer<typeof EscalationRoute>;

export const MediationType = z.enum(['neighbour', 'parent-and-teen', 'anger-management']);
export type MediationType = z.infer<typeof MediationType>;

export const AbcPartyRole = z.enum(['perpetrator', 'parent-or-guardian', 'council', 'police', 'housing-provider', 'other-agency']);

export const CaseOutcome = z.enum([
  'behaviour-stopped',
  'behaviour-reduced',
  'enforcement-action-taken',
  'no-further-action',
  'insufficient-evidence',
  'victim-withdrew',
  'transferred-to-other-agency',
]);
export type CaseOutcome = z.infer<typeof CaseOutcome>;

export const VictimSatisfaction = z.enum([
  'very-satisfied',
  'satisfied',
  'neither-satisfied-nor-dissatisfied',
  'dissatisfied',
  'very-dissatisfied',
  'not-asked',
  'declined-to-answer',
]);
export type VictimSatisfaction = z.infer<typeof VictimSatisfaction>;

/** What a possible repeat was matched on by the application's search of earlier cases. */
export const RepeatMatchedOn = z.enum(['victim', 'location', 'perpetrator']);
