// Type aliases, not interfaces: Kysely's withTables<T> needs an index-signature-compatible T.

/** One reason a case needs a manager, with what the query needs to decide whether it shows now. */
export type EscalationEntryTable = {
  entry_id: string;
  case_id: string;
  case_type: string;
  stage: string;
  /** A stable code from ESCALATION_REASONS. */
  reason: string;
  priority: number;
  deadline_id: string | null;
  rule: string | null;
  /** UTC ISO instants (text order is time order). */
  due_at: string;
  visible_from: string | null;
  visible_until: string | null;
  /** 1: shown only when due within the query's horizon. */
  coming_due: number;
  assignee_id: string | null;
  assignee_agency: string | null;
  /** JSON array of agency codes, as in case_summaries, so the same visibility filter applies. */
  agencies: string;
  restricted: number;
};

/**
 * Each entry once per agency its case involves, in queue order: the query finds the entries a
 * viewer may see through their agency (restricted cases) with an index, not a LIKE over every row.
 */
export type EscalationEntryAgencyTable = {
  agency: string;
  priority: number;
  due_at: string;
  entry_id: string;
  case_id: string;
  restricted: number;
};

export type EscalationQueueTables = {
  escalation_entries: EscalationEntryTable;
  escalation_entry_agencies: EscalationEntryAgencyTable;
};
