import type { Pool } from 'pg';
import { AppendResult } from '../event-store.port';
import { AppendRequest, AppendRow, appendOutcome, expectationParameters } from './postgres-append-function';
import { UniqueViolationInGroupError } from './postgres-errors';
import { LockPurpose, SCHEMA_LOCK_SPACE_SQL } from './postgres-schema-keys';

/**
 * Group commit (ADR 0003): several appends in one statement, so one transaction and one commit.
 * Installed by migration 3 and frozen like any shipped migration.
 *
 * The append lock is taken once, here, before the per-append blocks: a lock first taken inside
 * a block would be released when that block rolls back, and the appends after it would run
 * unserialised. append_events takes it again inside; the lock is re-entrant.
 *
 * Each append runs append_events unchanged inside its own BEGIN ... EXCEPTION block (a
 * subtransaction), so the group applies exactly the per-append rules, in order, each append
 * seeing the ones before it. A wrong revision or a stored batch is a row, not an error, and rolls
 * nothing back; a unique violation (a writer that skipped the lock) rolls back that append alone
 * and is reported as its outcome, for the client to resolve as it would a lone append's. Any
 * other error ends the whole statement, and the whole group rolls back.
 *
 * An error cannot leave half an append's rows in the result: append_events is a set-returning
 * PL/pgSQL function, which builds its whole result before the SELECT around it reads a row.
 *
 * The appends' events are sent as flat arrays; p_batch_ends[i] is the index of append i's last
 * event in them (arrays count from 1).
 */
export const APPEND_GROUP_FUNCTION_SQL = `
  CREATE OR REPLACE FUNCTION append_event_group(
    p_stream_ids text[],
    p_expected text[],
    p_expected_revisions bigint[],
    p_recorded_at timestamptz[],
    p_batch_ends integer[],
    p_event_ids text[],
    p_types text[],
    p_schema_versions integer[],
    p_data text[],
    p_metadata text[]
  ) RETURNS TABLE (append_index integer, outcome text, event_id text, stream_id text, revision integer, global_position bigint)
  LANGUAGE plpgsql AS $fn$
  #variable_conflict use_column
  DECLARE
    v_first integer := 1;
    v_last integer;
  BEGIN
    PERFORM pg_advisory_xact_lock(${SCHEMA_LOCK_SPACE_SQL}, ${LockPurpose.append});

    FOR i IN 1 .. cardinality(p_stream_ids) LOOP
      v_last := p_batch_ends[i];
      BEGIN
        RETURN QUERY
          SELECT i, a.outcome, a.event_id, a.stream_id, a.revision, a.global_position
            FROM append_events(p_stream_ids[i], p_expected[i], p_expected_revisions[i],
                               p_event_ids[v_first:v_last], p_types[v_first:v_last],
                               p_schema_versions[v_first:v_last], p_data[v_first:v_last],
                               p_metadata[v_first:v_last], p_recorded_at[i]) a;
      EXCEPTION WHEN unique_violation THEN
        RETURN QUERY SELECT i, 'unique_violation'::text, NULL::text, NULL::text, NULL::integer, NULL::bigint;
      END;
      v_first := v_last + 1;
    END LOOP;
  END
  $fn$;
`;

interface GroupRow extends Omit<AppendRow, 'outcome'> {
  append_index: number;
  outcome: AppendRow['outcome'] | 'unique_violation';
}

/**
 * Calls append_event_group for `appends`, in order. Resolves with each append's result or typed
 * error, by its index; rejects only when the call as a whole failed (nothing of it committed).
 */
export async function callAppendEventGroup(
  pool: Pool,
  appends: AppendRequest[],
): Promise<PromiseSettledResult<AppendResult>[]> {
  const events = appends.flatMap((a) => a.batch);
  let end = 0;
  const { rows } = await pool.query<GroupRow>(
    `SELECT append_index, outcome, event_id, stream_id, revision, global_position
       FROM append_event_group($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      appends.map((a) => a.streamId),
      appends.map((a) => expectationParameters(a.expected)[0]),
      appends.map((a) => expectationParameters(a.expected)[1]),
      appends.map((a) => a.recordedAt),
      appends.map((a) => (end += a.batch.length)),
      events.map((e) => e.event.eventId),
      events.map((e) => e.event.type),
      events.map((e) => e.event.schemaVersion),
      events.map((e) => e.data),
      events.map((e) => e.metadata),
    ],
  );
  const rowsByAppend = appends.map((): AppendRow[] => []);
  const uniqueViolations = new Set<number>();
  for (const row of rows) {
    const index = row.append_index - 1;
    if (row.outcome === 'unique_violation') uniqueViolations.add(index);
    else rowsByAppend[index]!.push({ ...row, outcome: row.outcome });
  }
  return appends.map((append, index) => {
    try {
      if (uniqueViolations.has(index)) throw new UniqueViolationInGroupError(append.streamId);
      return { status: 'fulfilled', value: appendOutcome(append, rowsByAppend[index]!) };
    } catch (reason) {
      return { status: 'rejected', reason };
    }
  });
}
