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

export interface CheckpointTable {
  name: string;
  position: number;
}

/** A data subject's key (libs/privacy): wrapped by the master key; null once destroyed (erased). */
export interface SubjectKeyTable {
  subject_id: string;
  case_id: string;
  slot: string;
  wrapped_key: string | null;
  created_at: string;
  destroyed_at: string | null;
}

export interface CasetrailTables {
  idempotency_keys: IdempotencyKeyTable;
  access_log: AccessLogTable;
  projection_checkpoints: CheckpointTable;
  subject_keys: SubjectKeyTable;
}
