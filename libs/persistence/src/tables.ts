import { Generated } from 'kysely';

/**
 * Tables beside the events, in the same database (the SQLite file or the PostgreSQL database):
 * queries are written once with Kysely for both dialects.
 */
export interface IdempotencyKeyTable {
  /** sha256 of the caller's user id and their Idempotency-Key. */
  key_hash: string;
  request_hash: string;
  status_code: number;
  response_body: string;
  response_headers: string;
  created_at: string;
  expires_at: string;
}

export interface AccessLogTable {
  id: Generated<number>;
  at: string;
  user_id: string;
  role: string;
  agency: string;
  case_id: string;
  case_type: string;
  /** e.g. `GET /api/cases/:caseId/history` */
  endpoint: string;
  request_id: string;
}

export interface CaseSummaryTable {
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
}

export interface CheckpointTable {
  name: string;
  position: number;
}

export interface CasetrailTables {
  idempotency_keys: IdempotencyKeyTable;
  access_log: AccessLogTable;
  case_summaries: CaseSummaryTable;
  projection_checkpoints: CheckpointTable;
}
