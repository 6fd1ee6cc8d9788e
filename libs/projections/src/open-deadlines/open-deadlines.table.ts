// Type aliases, not interfaces: Kysely's withTables<T> needs an index-signature-compatible T.

/**
 * One row per deadline any case ever scheduled, with its status now. The scheduler (issue 6)
 * arms jobs from the open rows and drops jobs whose row is no longer open.
 */
export type CaseDeadlineTable = {
  /** `<caseId>/<rule>` or `<caseId>/<rule>/<n>`: unique across cases. */
  deadline_id: string;
  case_id: string;
  case_type: string;
  rule: string;
  /** ISO instant in UTC (`toISOString`), so text order is time order on both dialects. */
  due_at: string;
  /** The stream revision of the DeadlineScheduled event that set this due time. */
  scheduled_at_revision: number;
  status: 'open' | 'met' | 'cancelled' | 'missed';
};

export type OpenDeadlinesTables = {
  case_deadlines: CaseDeadlineTable;
};
