import Database from 'better-sqlite3';
import { Client } from 'pg';
import { RecordedEvent } from '@casetrail/event-store';
import { eventHash } from '@casetrail/workflow';

/**
 * Someone with write access to the database, changing the events table behind the store's back
 * with plain SQL. `?` placeholders; PostgreSQL gets $n and json casts.
 */
export interface Tamperer {
  run(sql: string, params: unknown[]): Promise<void>;
  close(): Promise<void>;
}

export function sqliteTamperer(path: string): Tamperer {
  const db = new Database(path);
  return {
    run: async (sql, params) => void db.prepare(sql).run(...params),
    close: async () => void db.close(),
  };
}

export async function postgresTamperer(url: string): Promise<Tamperer> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    run: async (sql, params) => {
      let n = 0;
      await client.query(sql.replace(/\?/g, () => `$${++n}`).replace(/\$(\d+) \/\*json\*\//g, '$$$1::json'), params);
    },
    close: () => client.end(),
  };
}

const SHIFT = 1000;

/** Moves every revision from `from` on by `by` (the unique index forbids doing it in place). */
async function shift(t: Tamperer, streamId: string, from: number, by: number): Promise<void> {
  await t.run('UPDATE events SET revision = revision + ? WHERE stream_id = ? AND revision >= ?', [SHIFT, streamId, from]);
  await t.run('UPDATE events SET revision = revision - ? WHERE stream_id = ? AND revision >= ?', [SHIFT - by, streamId, SHIFT]);
}

export const tamper = {
  /** Rewrites what an event says, leaving its seal. */
  async modify(t: Tamperer, event: RecordedEvent, data: unknown): Promise<void> {
    await t.run('UPDATE events SET data = ? /*json*/ WHERE stream_id = ? AND revision = ?', [JSON.stringify(data), event.streamId, event.revision]);
  },
  /** Removes an event and closes the gap, so the revisions look whole. */
  async deleteAndRenumber(t: Tamperer, event: RecordedEvent): Promise<void> {
    await t.run('DELETE FROM events WHERE stream_id = ? AND revision = ?', [event.streamId, event.revision]);
    await shift(t, event.streamId, event.revision + 1, -1);
  },
  async delete(t: Tamperer, event: RecordedEvent): Promise<void> {
    await t.run('DELETE FROM events WHERE stream_id = ? AND revision = ?', [event.streamId, event.revision]);
  },
  /** Swaps two events' places in the stream. */
  async swap(t: Tamperer, a: RecordedEvent, b: RecordedEvent): Promise<void> {
    await t.run('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?', [SHIFT, a.streamId, a.revision]);
    await t.run('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?', [a.revision, a.streamId, b.revision]);
    await t.run('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?', [b.revision, a.streamId, SHIFT]);
  },
  /**
   * Slips a made-up event in after `after`, sealed as the command path would seal it (the
   * algorithm is public), and renumbers the events that followed.
   */
  async insertAfter(t: Tamperer, after: RecordedEvent, forged: Pick<RecordedEvent, 'eventId' | 'type' | 'data' | 'metadata'>): Promise<void> {
    await shift(t, after.streamId, after.revision + 1, 1);
    const content = { ...forged, streamId: after.streamId, revision: after.revision + 1, schemaVersion: 1 };
    const previousHash = after.metadata.hash as string;
    const metadata = { ...forged.metadata, previousHash, hash: eventHash(previousHash, content) };
    await insertRow(t, { ...content, metadata });
  },
  /** Adds a copy of an event, under a new id, at the end of its stream. */
  async appendCopy(t: Tamperer, of: RecordedEvent, eventId: string, revision: number): Promise<void> {
    await insertRow(t, { ...of, eventId, revision });
  },
};

async function insertRow(t: Tamperer, e: Omit<RecordedEvent, 'position'>): Promise<void> {
  await t.run(
    'INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ? /*json*/, ? /*json*/, ?)',
    [e.eventId, e.streamId, e.revision, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata), e.metadata.recordedAt],
  );
}
