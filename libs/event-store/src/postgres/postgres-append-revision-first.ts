import { APPEND_CHANNEL_SQL, LockPurpose, SCHEMA_LOCK_SPACE_SQL } from './postgres-schema-keys';

/**
 * append_events as migration 5 replaces it (same signature, same rows; migration 2's text stays as
 * shipped): the batch's ids are looked up only when the revision check fails, not before every
 * append. The lookup probed the event_id index once per event under the append lock, and the
 * INSERT probes it again anyway to keep UNIQUE (event_id).
 *
 * A retry is still recognised whichever way it shows:
 * - its stream moved on (an exact, no_stream or stale expectation): the revision check fails, the
 *   ids are found, and their 'stored' rows answer it, as before;
 * - its expectation still holds ('any', 'stream_exists'): the INSERT meets a stored id and raises
 *   unique_violation, which rolls the append back (alone: its statement; in append_event_group:
 *   its own block), and the client looks the ids up and answers it exactly as it already did for a
 *   writer that skipped the lock (resolveRetriedBatch: the original positions, or a conflict).
 *
 * plan_cache_mode is restated because CREATE OR REPLACE sets every attribute anew (migration 4).
 */
export const APPEND_FUNCTION_REVISION_FIRST_SQL = `
  CREATE OR REPLACE FUNCTION append_events(
    p_stream_id text,
    p_expected text,
    p_expected_revision bigint,
    p_event_ids text[],
    p_types text[],
    p_schema_versions integer[],
    p_data text[],
    p_metadata text[],
    p_recorded_at timestamptz
  ) RETURNS TABLE (outcome text, event_id text, stream_id text, revision integer, global_position bigint)
  LANGUAGE plpgsql
  SET plan_cache_mode = force_custom_plan
  AS $fn$
  #variable_conflict use_column
  DECLARE
    v_current integer;
  BEGIN
    PERFORM pg_advisory_xact_lock(${SCHEMA_LOCK_SPACE_SQL}, ${LockPurpose.append});

    SELECT max(e.revision) INTO v_current FROM events e WHERE e.stream_id = p_stream_id;
    IF NOT (p_expected = 'any'
         OR (p_expected = 'no_stream' AND v_current IS NULL)
         OR (p_expected = 'stream_exists' AND v_current IS NOT NULL)
         -- IS NOT DISTINCT FROM: with "=" a missing stream (NULL) would make the test NULL, and
         -- IF NOT NULL does not branch.
         OR (p_expected = 'exact' AND v_current IS NOT DISTINCT FROM p_expected_revision)) THEN
      -- A retry finds its stream moved on: its stored rows answer it (or show the conflict).
      RETURN QUERY
        SELECT 'stored'::text, e.event_id, e.stream_id, e.revision, e.position
          FROM events e WHERE e.event_id = ANY (p_event_ids);
      IF FOUND THEN RETURN; END IF;
      RETURN QUERY SELECT 'wrong_revision'::text, NULL::text, NULL::text, v_current, NULL::bigint;
      RETURN;
    END IF;

    -- ORDER BY ordinal: rows take their identity values in the order they are inserted. A stored
    -- id raises unique_violation here, and the client resolves it (see above).
    RETURN QUERY
      WITH inserted AS (
        INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at)
        SELECT b.event_id, p_stream_id, COALESCE(v_current + 1, 0) + b.ordinal::integer - 1,
               b.type, b.schema_version, b.data::json, b.metadata::json, p_recorded_at
          FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata)
               WITH ORDINALITY AS b(event_id, type, schema_version, data, metadata, ordinal)
         ORDER BY b.ordinal
        RETURNING events.event_id, events.stream_id, events.revision, events.position
      )
      SELECT 'appended'::text, i.event_id, i.stream_id, i.revision, i.position FROM inserted i;

    -- Queued now, delivered on commit only: no subscriber is woken for a rolled-back append.
    PERFORM pg_notify(${APPEND_CHANNEL_SQL}, '');
  END
  $fn$;
`;
