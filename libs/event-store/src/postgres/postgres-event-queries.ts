import type { ClientBase, Pool } from 'pg';
import { RecordedEvent } from '../envelope';
import { CurrentRevision } from '../expected-revision';
import { ReadAllOptions, ReadStreamOptions } from '../event-store.port';
import { StoredEventRef } from '../stored-batch';
import { StoredRefRow, toRecordedEvent, toStoredRef } from '../stored-row';

type Queryable = Pool | ClientBase;

interface EventRow {
  /** bigint: pg gives it as a string, so it is converted here. */
  position: string;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
}

// data and metadata come back as text and are parsed here, so a global pg type parser set
// elsewhere in the process cannot change what a reader gets. position keeps its bigint type:
// an alias of another type would shadow the column in ORDER BY.
const EVENT_COLUMNS = `position, event_id, stream_id, revision, type, schema_version,
  data::text AS data, metadata::text AS metadata`;

export async function readStreamRows(db: Queryable, streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
  const backwards = options.direction === 'backwards';
  const sql = backwards
    ? `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = $1 AND ($2::bigint IS NULL OR revision <= $2::bigint)
       ORDER BY revision DESC LIMIT $3::bigint`
    : `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = $1 AND revision >= COALESCE($2::bigint, 0)
       ORDER BY revision ASC LIMIT $3::bigint`;
  const { rows } = await db.query<EventRow>(sql, [streamId, options.fromRevision ?? null, options.maxCount ?? null]);
  return rows.map(toRecordedEvent);
}

/** Every committed event is safe to read: appends commit in position order (ADR 0003). */
export async function readAllRows(db: Queryable, options: ReadAllOptions): Promise<RecordedEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1::bigint ORDER BY position ASC LIMIT $2::bigint`,
    [options.after ?? 0, options.maxCount ?? null],
  );
  return rows.map(toRecordedEvent);
}

export async function selectHeadPosition(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ head: string }>('SELECT COALESCE(MAX(position), 0) AS head FROM events');
  return Number(rows[0]!.head);
}

export async function selectStreamRevision(db: Queryable, streamId: string): Promise<CurrentRevision> {
  const { rows } = await db.query<{ revision: number | null }>(
    'SELECT MAX(revision) AS revision FROM events WHERE stream_id = $1',
    [streamId],
  );
  return rows[0]?.revision ?? 'no_stream';
}

export async function selectStoredRefs(db: Queryable, eventIds: string[]): Promise<StoredEventRef[]> {
  const { rows } = await db.query<StoredRefRow>(
    'SELECT event_id, stream_id, revision, position FROM events WHERE event_id = ANY($1::text[])',
    [eventIds],
  );
  return rows.map(toStoredRef);
}
