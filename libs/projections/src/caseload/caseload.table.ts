// Type aliases, not interfaces: Kysely's withTables<T> needs an index-signature-compatible T.

/** One row per case: who carries it, for which team, at what risk, and whether it is still open. */
export type CaseloadCaseTable = {
  case_id: string;
  case_type: string;
  assignee_id: string | null;
  /**
   * The team (agency) whose caseload it is: the assignee's agency, or for an unassigned case the
   * agency that brought it in (the case's first agency).
   */
  team: string | null;
  /** JSON array of agency codes, for the same visibility filter as the case list. */
  agencies: string;
  restricted: number;
  /** `standard`, `medium`, `high`, or `none` before any risk assessment. */
  risk: string;
  open: number;
};

/** Deadlines a case still owes (open, or missed and not yet done): overdue is decided at query time. */
export type CaseloadDeadlineTable = {
  deadline_id: string;
  case_id: string;
  due_at: string;
};

export type CaseloadTables = {
  caseload_cases: CaseloadCaseTable;
  caseload_deadlines: CaseloadDeadlineTable;
};
