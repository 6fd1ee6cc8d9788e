import { RecordedEvent } from './envelope';

/** An events row as both SQL adapters store it: JSON as text, the position as a number or bigint text. */
export interface StoredEventRow {
  position: number | string;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
}

export function toRecordedEvent(row: StoredEventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    revision: row.revision,
    position: Number(row.position),
  };
}

export type StoredRefRow = Pick<StoredEventRow, 'event_id' | 'stream_id' | 'revision' | 'position'>;

export function toStoredRef(row: StoredRefRow) {
  return { eventId: row.event_id, streamId: row.stream_id, revision: row.revision, position: Number(row.position) };
}
