import Database from 'better-sqlite3';
import { PlannedAppend, serialise } from './workload';

/** Pragmas the raw connection must share with the adapter's; checked before measuring. */
// busy_timeout is not compared: the adapter keeps the driver's wait short and retries on the event
// loop for up to lockWaitMs (5 s), where the raw connection lets the driver wait the same 5 s.
export const COMPARED_PRAGMAS = ['journal_mode', 'synchronous', 'cache_size', 'page_size', 'wal_autocheckpoint'];

export const RAW_TABLE = 'raw_events';

/** A plain better-sqlite3 connection with the adapter's pragmas (WAL, synchronous FULL, busy 5 s). */
export function openRawSqlite(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  return db;
}

export function pragmasOf(db: Database.Database): Record<string, unknown> {
  return Object.fromEntries(COMPARED_PRAGMAS.map((name) => [name, db.pragma(name, { simple: true })]));
}

/**
 * Creates raw_events as an exact copy of the adapter's `events` table: the DDL (and any separate
 * index) is read back from sqlite_master, so it follows the migrations rather than restating them.
 */
export function createRawSqliteTable(db: Database.Database): void {
  const table = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events'`).get() as
    | { sql: string }
    | undefined;
  if (!table) throw new Error('no events table: run the adapter migrations first');
  db.exec(table.sql.replace(/^CREATE TABLE\s+["`]?events["`]?/i, `CREATE TABLE ${RAW_TABLE}`));
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL`)
    .all() as { name: string; sql: string }[];
  for (const index of indexes) {
    db.exec(
      index.sql
        .replace(new RegExp(`INDEX\\s+["\`]?${index.name}["\`]?`, 'i'), `INDEX ${RAW_TABLE}_${index.name}`)
        .replace(/\bON\s+["`]?events["`]?/i, `ON ${RAW_TABLE}`),
    );
  }
}

/**
 * The raw baseline append: JSON-serialise, then one IMMEDIATE transaction per batch with one
 * prepared INSERT per event. No validation, no revision check (the writer knows its revision).
 */
export function rawSqliteAppender(db: Database.Database): (planned: PlannedAppend) => void {
  const insert = db.prepare(
    `INSERT INTO ${RAW_TABLE} (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const write = db.transaction((planned: PlannedAppend, rows: { data: string; metadata: string }[], recordedAt: string) => {
    planned.events.forEach((event, i) => {
      const row = rows[i]!;
      insert.run(event.eventId, planned.streamId, planned.nextRevision + i, event.type, event.schemaVersion, row.data, row.metadata, recordedAt);
    });
  });
  return (planned) => {
    const recordedAt = new Date().toISOString();
    const rows = planned.events.map((event) => serialise(event, recordedAt));
    write.immediate(planned, rows, recordedAt);
  };
}

/** Keeps parsed values reachable until the page is done, as a reader's array would. */
const parsed: unknown[] = [];

/**
 * The raw read baseline: the adapter's own ordered keyset SELECT, rows as the driver returns them
 * (data and metadata stay JSON text). With `parseJson`, a reference variant that also parses both,
 * which is the least work any reader returning objects must do.
 */
export function rawSqliteReadAll(db: Database.Database, pageSize: number, parseJson = false): number {
  const page = db.prepare(`SELECT * FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`);
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = page.all(after, pageSize) as { position: number; data: string; metadata: string }[];
    if (rows.length === 0) return count;
    if (parseJson) for (const row of rows) parsed.push(JSON.parse(row.data), JSON.parse(row.metadata));
    parsed.length = 0;
    count += rows.length;
    after = rows[rows.length - 1]!.position;
  }
}
