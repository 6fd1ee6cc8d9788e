import { Client } from 'pg';
import { PlannedAppend, serialise } from './workload';

export const RAW_TABLE = 'raw_events';

/**
 * raw_events as a copy of the adapter's `events` table (columns, types, identity, CHECK, primary
 * key and unique indexes), so the baseline pays for the same index maintenance.
 */
export async function createRawPostgresTable(client: Client): Promise<void> {
  await client.query(`CREATE TABLE ${RAW_TABLE} (LIKE events INCLUDING ALL)`);
}

const COLUMNS = 8;
function insertSql(rows: number): string {
  const values = Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: COLUMNS }, (_, c) => `$${r * COLUMNS + c + 1}`).join(', ')})`,
  );
  return `INSERT INTO ${RAW_TABLE} (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at)
          VALUES ${values.join(', ')}`;
}

/**
 * The raw baseline append: one multi-row INSERT per batch (a named prepared statement per batch
 * size), which is its own transaction: one round trip, one commit. No validation, no revision
 * check, no lock, no RETURNING.
 */
export function rawPostgresAppender(clients: Client[]): (writer: number, planned: PlannedAppend) => Promise<unknown> {
  const sql = new Map<number, string>();
  return (writer, planned) => {
    const size = planned.events.length;
    let text = sql.get(size);
    if (!text) sql.set(size, (text = insertSql(size)));
    const recordedAt = new Date().toISOString();
    const values: unknown[] = [];
    planned.events.forEach((event, i) => {
      const { data, metadata } = serialise(event, recordedAt);
      values.push(event.eventId, planned.streamId, planned.nextRevision + i, event.type, event.schemaVersion, data, metadata, recordedAt);
    });
    return clients[writer]!.query({ name: `bench_raw_insert_${size}`, text, values });
  };
}

/**
 * The raw read baseline: the same ordered keyset SELECT over `events`, of the columns the adapter
 * reads, rows as pg returns them (its default type parsers turn json into objects, bigint into a
 * string).
 */
export async function rawPostgresReadAll(client: Client, pageSize: number): Promise<number> {
  let after = '0';
  let count = 0;
  for (;;) {
    const { rows } = await client.query<{ position: string }>({
      name: 'bench_raw_read_all',
      text: `SELECT position, event_id, stream_id, revision, type, schema_version, data, metadata
             FROM events WHERE position > $1 ORDER BY position ASC LIMIT $2`,
      values: [after, pageSize],
    });
    if (rows.length === 0) return count;
    count += rows.length;
    after = rows[rows.length - 1]!.position;
  }
}
