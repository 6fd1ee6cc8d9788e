import type { ClientBase, Pool } from 'pg';
import { WrongExpectedRevisionError } from '../errors';
import { ExpectedRevision } from '../expected-revision';
import { AppendResult } from '../event-store.port';
import { resolveRetriedBatch } from '../stored-batch';
import { SerialisedEvent } from '../validation';
import { APPEND_CHANNEL_SQL, LockPurpose, SCHEMA_LOCK_SPACE_SQL } from './postgres-schema-keys';

/**
 * The whole append runs server-side in one statement, so the append lock (ADR 0003) is held for
 * the function and its commit only, not for client round trips.
 *
 * Installed by migration 2 and so frozen like any shipped migration: change it with a new
 * migration that runs CREATE OR REPLACE, never by editing this text. Migration 5 did
 * (postgres-append-revision-first.ts): ids are now looked up only when the revision check fails.
 *
 * VOLATILE (the default) on purpose: each statement inside takes a fresh snapshot, so the reads
 * after the lock see whatever the previous lock holder committed.
 *
 * One outcome per call: 'stored' rows are the batch's ids found already (a retry or a conflict,
 * decided by resolveRetriedBatch); one 'wrong_revision' row carries the actual revision (NULL:
 * no stream); 'appended' rows are the new events.
 */
export const APPEND_FUNCTION_SQL = `
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
  LANGUAGE plpgsql AS $fn$
  #variable_conflict use_column
  DECLARE
    v_current integer;
  BEGIN
    PERFORM pg_advisory_xact_lock(${SCHEMA_LOCK_SPACE_SQL}, ${LockPurpose.append});

    RETURN QUERY
      SELECT 'stored'::text, e.event_id, e.stream_id, e.revision, e.position
        FROM events e WHERE e.event_id = ANY (p_event_ids);
    IF FOUND THEN RETURN; END IF;

    SELECT max(e.revision) INTO v_current FROM events e WHERE e.stream_id = p_stream_id;
    IF NOT (p_expected = 'any'
         OR (p_expected = 'no_stream' AND v_current IS NULL)
         OR (p_expected = 'stream_exists' AND v_current IS NOT NULL)
         -- IS NOT DISTINCT FROM: with "=" a missing stream (NULL) would make the test NULL, and
         -- IF NOT NULL does not branch.
         OR (p_expected = 'exact' AND v_current IS NOT DISTINCT FROM p_expected_revision)) THEN
      RETURN QUERY SELECT 'wrong_revision'::text, NULL::text, NULL::text, v_current, NULL::bigint;
      RETURN;
    END IF;

    -- ORDER BY ordinal: rows take their identity values in the order they are inserted.
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

export interface AppendRow {
  outcome: 'stored' | 'wrong_revision' | 'appended';
  event_id: string | null;
  stream_id: string | null;
  revision: number | null;
  /** bigint: pg gives it as a string. */
  global_position: string | null;
}

/** What one append sends to the server: its stream, expectation and serialised events. */
export interface AppendRequest {
  streamId: string;
  batch: SerialisedEvent[];
  expected: ExpectedRevision;
  recordedAt: string;
}

/** The expectation as append_events takes it: a kind, and the revision when it is exact. */
export function expectationParameters(expected: ExpectedRevision): [string, number | null] {
  return typeof expected === 'number' ? ['exact', expected] : [expected, null];
}

/** Calls append_events and turns its rows into the port's result or typed error. */
export async function callAppendEvents(db: Pool | ClientBase, request: AppendRequest): Promise<AppendResult> {
  const { streamId, batch, expected, recordedAt } = request;
  const { rows } = await db.query<AppendRow>(
    'SELECT outcome, event_id, stream_id, revision, global_position FROM append_events($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [
      streamId,
      ...expectationParameters(expected),
      batch.map((e) => e.event.eventId),
      batch.map((e) => e.event.type),
      batch.map((e) => e.event.schemaVersion),
      batch.map((e) => e.data),
      batch.map((e) => e.metadata),
      recordedAt,
    ],
  );
  return appendOutcome(request, rows);
}

/** One append's rows from append_events, as the port's result or typed error. */
export function appendOutcome(request: AppendRequest, rows: AppendRow[]): AppendResult {
  const { streamId, expected } = request;
  const outcome = rows[0]?.outcome;
  if (outcome === 'wrong_revision') {
    throw new WrongExpectedRevisionError(streamId, expected, rows[0]!.revision ?? 'no_stream');
  }
  if (outcome === 'stored') {
    const stored = rows.map((r) => ({
      eventId: r.event_id!,
      streamId: r.stream_id!,
      revision: r.revision!,
      position: Number(r.global_position),
    }));
    // With ids found, resolveRetriedBatch returns the earlier outcome or throws: never undefined.
    const ids = request.batch.map((e) => e.event.eventId);
    return resolveRetriedBatch(streamId, ids, stored)!;
  }
  const appended = rows.sort((a, b) => a.revision! - b.revision!);
  const positions = appended.map((r) => Number(r.global_position));
  return {
    streamId,
    nextExpectedRevision: appended[appended.length - 1]!.revision!,
    positions,
    lastPosition: positions[positions.length - 1]!,
    duplicate: false,
  };
}
