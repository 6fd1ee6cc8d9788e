// Type aliases, not interfaces: Kysely's withTables<T> needs an index-signature-compatible T.

/**
 * One countable fact per row: a CPW issued, a referral received, a fine imposed. Rows carry only
 * a kind, a London date, one dimension and a quantity, never personal data, so the partnership
 * report (aggregates) can be counted for any period by one GROUP BY.
 */
export type ReportFactTable = {
  /** `<eventId>:<kind>`, or `<caseId>:<kind>` for a fact a case has once (a referral's risk level). */
  fact_id: string;
  case_id: string;
  kind: string;
  /** The London calendar date the thing happened (YYYY-MM-DD), never the date it was recorded. */
  occurred_on: string;
  /** The one breakdown the report needs for this kind (mediation type, risk level...), or null. */
  dimension: string | null;
  /** 1 for a plain count; otherwise what the fact carries: pence, charges, recommendations. */
  quantity: number;
};

export type PartnershipReportTables = {
  report_facts: ReportFactTable;
};
