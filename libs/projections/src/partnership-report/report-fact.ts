/**
 * The kinds of fact the partnership report counts, and what `quantity` means for each. The names
 * are stored, so a kind is never renamed: add a new one instead.
 */
export const FACT_KIND = {
  /** An ASB case reported; dimension: category. */
  asbCaseOpened: 'asb-case-opened',
  /** A mediation referral from an ASB case; dimension: mediation type. */
  mediationReferred: 'mediation-referred',
  /** dimension: issuer type (council, constable, designated person). */
  cpwIssued: 'cpw-issued',
  cpnIssued: 'cpn-issued',
  /** Dated by the day of the breach, not the day it was recorded. */
  cpnBreach: 'cpn-breach',
  /** quantity: the penalty amount in pence. */
  fpnIssued: 'fpn-issued',
  /** dimension: early (discounted) or full; quantity: pence paid. */
  fpnPaid: 'fpn-paid',
  prosecutionStarted: 'prosecution-started',
  /** dimension: result (guilty, not-guilty, withdrawn); quantity: charges proved. */
  prosecutionConcluded: 'prosecution-concluded',
  /** quantity: pence, all four dated by the court's decision. */
  prosecutionFine: 'prosecution-fine-pence',
  prosecutionCosts: 'prosecution-costs-pence',
  prosecutionVictimSurcharge: 'prosecution-victim-surcharge-pence',
  prosecutionTotalPayable: 'prosecution-total-payable-pence',
  /** A Community Trigger application; dimension: who applied (victim, councillor, ...). */
  ctApplication: 'ct-application',
  /** dimension: met or not-met. */
  ctThresholdDecision: 'ct-threshold-decision',
  /** A review carried out, dated by the panel; dimension: with- or without-recommendations; quantity: recommendations. */
  ctReview: 'ct-review',
  /** dimension: victim gender. */
  daReferral: 'da-referral',
  /** One per referral, dated by the referral, so a year's referrals split by risk; dimension: final level. */
  daReferralRisk: 'da-referral-risk',
  /** dimension: repeat or first. */
  maracReferral: 'marac-referral',
  idvaAllocated: 'idva-allocated',
} as const;

export type FactKind = (typeof FACT_KIND)[keyof typeof FACT_KIND];

/** A fact an event yields, before the projection stores it. */
export interface FactDraft {
  kind: FactKind;
  /** The London date it happened, or "the date of this case's earlier fact of that kind". */
  on: string | { dateOf: FactKind };
  dimension?: string;
  /** Default 1. */
  quantity?: number;
  /** The case has one such fact: a later event replaces it instead of adding another. */
  onePerCase?: boolean;
}
