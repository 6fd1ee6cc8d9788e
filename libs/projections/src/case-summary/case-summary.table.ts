// Type aliases, not interfaces: Kysely's withTables<T> needs an index-signature-compatible T.
export type CaseSummaryTable = {
  case_id: string;
  case_type: string;
  stage: string;
  risk: string | null;
  assignee_id: string | null;
  assignee_agency: string | null;
  /** JSON array of agency codes, e.g. ["tmbc","kent-police"]. */
  agencies: string;
  restricted: number;
  opened_at: string | null;
  closed_at: string | null;
  next_deadline_at: string | null;
  revision: number;
  last_event_at: string;
  key_facts: string;
};

export type CaseSummaryTables = {
  case_summaries: CaseSummaryTable;
};
