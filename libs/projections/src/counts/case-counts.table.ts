// Type aliases, not interfaces: Kysely's withTables<T> needs an index-signature-compatible T.

/** How many cases are in each type x stage x risk. Aggregates only: no case ids, no people. */
export type CaseCountTable = {
  case_type: string;
  stage: string;
  /** `standard`, `medium`, `high`, or `none` before any risk assessment. */
  risk: string;
  cases: number;
};

/** Where each case is counted now, so that a change of stage or risk moves it from one count to another. */
export type CaseCountMemberTable = {
  case_id: string;
  case_type: string;
  stage: string;
  risk: string;
  /** The last revision of the case counted: an event at or below it has had its effect. */
  revision: number;
};

export type CaseCountsTables = {
  case_counts: CaseCountTable;
  case_count_members: CaseCountMemberTable;
};

export const NO_RISK = 'none';
