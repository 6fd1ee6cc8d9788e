import { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { NewEvent } from '../envelope';
import { PostgresEventStore, PostgresEventStoreOptions, UncommittedAppend } from './postgres-event-store';
import { LockPurpose, SCHEMA_LOCK_SPACE_SQL } from './postgres-schema-keys';

/** Test support for the PostgreSQL specs only. */

export async function openPostgresStore(
  url: string,
  options: Partial<PostgresEventStoreOptions> = {},
): Promise<PostgresEventStore> {
  const store = new PostgresEventStore({ connectionString: url, pollIntervalMs: 100, poolSize: 4, ...options });
  try {
    await store.init();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** A plain connection, for what a test does behind the store's back. */
export async function connectRaw(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** An append held open before COMMIT through the store's `beforeCommit` seam, until released. */
export function heldAppend(): {
  beforeCommit: (append: UncommittedAppend) => Promise<void>;
  reached: Promise<UncommittedAppend>;
  commit: () => void;
  rollBack: (reason: Error) => void;
} {
  let reach!: (append: UncommittedAppend) => void;
  let settle!: (outcome: Error | undefined) => void;
  const reached = new Promise<UncommittedAppend>((resolve) => (reach = resolve));
  const outcome = new Promise<Error | undefined>((resolve) => (settle = resolve));
  return {
    beforeCommit: async (append) => {
      reach(append);
      const failure = await outcome;
      if (failure) throw failure;
    },
    reached,
    commit: () => settle(undefined),
    rollBack: (reason) => settle(reason),
  };
}

/**
 * Resolves once a session waits for one of the store's advisory locks in `admin`'s schema:
 * proof that a second writer is queued, without guessing how long that takes.
 */
export function untilLockAwaited(admin: Client, purpose: keyof typeof LockPurpose): Promise<void> {
  return until(`a session waiting for the ${purpose} lock`, async () => {
    const { rowCount } = await admin.query(
      `SELECT 1 FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted
          AND classid = (${SCHEMA_LOCK_SPACE_SQL})::oid AND objid = $1::oid AND objsubid = 2`,
      [LockPurpose[purpose]],
    );
    return (rowCount ?? 0) > 0;
  });
}

/** Resolves once a session waits for transaction `xid` to end (e.g. on a unique index entry). */
export function untilTransactionAwaited(admin: Client, xid: string): Promise<void> {
  return until(`a session waiting for transaction ${xid}`, async () => {
    const { rowCount } = await admin.query(
      `SELECT 1 FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted AND transactionid = $1::xid8::xid`,
      [xid],
    );
    return (rowCount ?? 0) > 0;
  });
}

/** Polls a condition; the bound only turns a hang into a readable failure. */
export async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 1_000; attempt++) {
    if (await condition()) return;
    await sleep(10);
  }
  throw new Error(`Gave up waiting for ${what}`);
}

/**
 * Writes `event` as `streamId`'s revision 0 on `intruder`, behind the store's back (no append
 * lock), and leaves the transaction open; returns its transaction id. The caller commits or rolls back.
 */
export async function openIntrusion(intruder: Client, streamId: string, event: NewEvent): Promise<string> {
  await intruder.query('BEGIN');
  await intruder.query(
    `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at)
     VALUES ($1, $2, 0, $3, 1, '{}', $4, now())`,
    [event.eventId, streamId, event.type, JSON.stringify({ ...event.metadata, recordedAt: new Date().toISOString() })],
  );
  const { rows } = await intruder.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
  return rows[0]!.xid;
}
