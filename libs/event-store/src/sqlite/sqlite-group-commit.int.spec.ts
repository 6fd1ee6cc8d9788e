import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { AppendResult } from '../event-store.port';
import { anEvent, events, uniqueStream } from '../testing';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * Group commit (ADR 0002): appends started in one turn of the event loop share one transaction,
 * one COMMIT and so one fsync. Commits are counted in the WAL file itself, independently of the
 * store: SQLite marks the last frame of every committed transaction with the database size.
 */
const dir = mkdtempSync(join(tmpdir(), 'casetrail-sqlite-group-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
async function openStore(options: { lockWaitMs?: number } = {}): Promise<{ store: SqliteEventStore; path: string }> {
  const path = join(dir, `group-${++fileNo}.db`);
  const store = new SqliteEventStore({ path, pollIntervalMs: 50, ...options });
  await store.init();
  return { store, path };
}

/** Empties the WAL, so walCommits counts only what follows. */
function resetWal(store: SqliteEventStore): void {
  store.db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Committed transactions in the WAL since it was last reset: frames of the current salt with a commit size. */
function walCommits(path: string): number {
  const wal = readFileSync(`${path}-wal`);
  if (wal.length < 32) return 0;
  const pageSize = wal.readUInt32BE(8);
  const [salt1, salt2] = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
  let commits = 0;
  for (let frame = 32; frame + 24 + pageSize <= wal.length; frame += 24 + pageSize) {
    if (wal.readUInt32BE(frame + 8) !== salt1 || wal.readUInt32BE(frame + 12) !== salt2) break;
    if (wal.readUInt32BE(frame + 4) !== 0) commits++;
  }
  return commits;
}

const revisionsOf = async (store: SqliteEventStore, stream: string) => (await store.readStream(stream)).map((e) => e.revision);

describe('SQLite group commit', () => {
  it('commits appends started in the same turn to different streams in one transaction', async () => {
    const { store, path } = await openStore();
    resetWal(store);
    const streams = Array.from({ length: 10 }, () => uniqueStream());
    const results = await Promise.all(streams.map((stream, i) => store.append(stream, events(i + 1), 'no_stream')));
    expect(walCommits(path)).toBe(1);
    for (const [i, stream] of streams.entries()) {
      expect(results[i]).toMatchObject({ streamId: stream, nextExpectedRevision: i, duplicate: false });
      expect((await store.readStream(stream)).map((e) => e.position)).toEqual(results[i]!.positions);
    }
    // In call order, with no gaps: the group's appends are written one after another.
    const all = results.flatMap((r) => r.positions);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => all[0]! + i));
    await store.close();
  });

  it('refuses only the append whose expected revision is wrong; the rest of its group commits', async () => {
    const { store, path } = await openStore();
    const [a, b, c] = [uniqueStream(), uniqueStream(), uniqueStream()];
    await store.append(b, events(3), 'no_stream');
    resetWal(store);
    const outcomes = await Promise.allSettled([
      store.append(a, events(2), 'no_stream'),
      store.append(b, events(1), 0),
      store.append(c, events(1), 'no_stream'),
    ]);
    expect(walCommits(path)).toBe(1);
    const [first, stale, third] = outcomes;
    expect(stale).toMatchObject({ status: 'rejected', reason: { code: 'WRONG_EXPECTED_REVISION', expected: 0, actual: 2 } });
    expect((stale as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    const written = [first, third].map((o) => (o as PromiseFulfilledResult<AppendResult>).value);
    expect(written.map((r) => r.nextExpectedRevision)).toEqual([1, 0]);
    expect(written[1]!.positions[0]).toBe(written[0]!.lastPosition + 1);
    expect(await revisionsOf(store, a)).toEqual([0, 1]);
    expect(await revisionsOf(store, b)).toEqual([0, 1, 2]);
    expect(await revisionsOf(store, c)).toEqual([0]);
    await store.close();
  });

  it('answers a retried batch inside a group with its original positions, writing it once', async () => {
    const { store, path } = await openStore();
    const stream = uniqueStream();
    const batch = events(2);
    const original = await store.append(stream, batch, 'no_stream');
    resetWal(store);
    const [before, retried, after] = await Promise.all([
      store.append(uniqueStream(), events(1), 'no_stream'),
      store.append(stream, batch, 'no_stream'),
      store.append(uniqueStream(), events(1), 'no_stream'),
    ]);
    expect(walCommits(path)).toBe(1);
    expect(retried).toEqual({ ...original, duplicate: true });
    expect(before.positions[0]).toBeGreaterThan(original.lastPosition);
    expect(after.positions[0]).toBe(before.lastPosition + 1);
    expect(await revisionsOf(store, stream)).toEqual([0, 1]);
    await store.close();
  });

  it('writes two appends to the same stream in one group in call order, the second expecting the first', async () => {
    const { store, path } = await openStore();
    const stream = uniqueStream();
    await store.append(stream, events(1), 'no_stream');
    resetWal(store);
    const [first, second] = await Promise.all([store.append(stream, events(2), 0), store.append(stream, events(1), 2)]);
    expect(walCommits(path)).toBe(1);
    expect(first.nextExpectedRevision).toBe(2);
    expect(second.nextExpectedRevision).toBe(3);
    expect(second.positions[0]).toBeGreaterThan(first.lastPosition);
    expect(await revisionsOf(store, stream)).toEqual([0, 1, 2, 3]);
    await store.close();
  });

  it('rejects every append of a group whose COMMIT fails, and stores none of them', async () => {
    const { store } = await openStore();
    // A deferred foreign key is checked only at COMMIT: a 'Poisoned' event makes the COMMIT fail.
    store.db.pragma('foreign_keys = ON');
    store.db.exec(`
      CREATE TABLE poison_parent (id INTEGER PRIMARY KEY);
      CREATE TABLE poison_child (parent INTEGER REFERENCES poison_parent (id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TRIGGER poison AFTER INSERT ON events WHEN NEW.type = 'Poisoned'
        BEGIN INSERT INTO poison_child VALUES (1); END;`);
    const head = await store.headPosition();
    const streams = [uniqueStream(), uniqueStream(), uniqueStream()];
    const outcomes = await Promise.allSettled([
      store.append(streams[0]!, events(1), 'no_stream'),
      store.append(streams[1]!, [anEvent('Poisoned')], 'no_stream'),
      store.append(streams[2]!, events(2), 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const reasons = outcomes.map((o) => (o as PromiseRejectedResult).reason as { code?: string });
    reasons.forEach((reason) => expect(reason.code).toBe('SQLITE_CONSTRAINT_FOREIGNKEY'));
    expect(await store.headPosition()).toBe(head);
    for (const stream of streams) expect(await store.streamRevision(stream)).toBe('no_stream');
    // The failed group leaves no transaction open: the next append writes normally.
    await expect(store.append(streams[0]!, events(1), 'no_stream')).resolves.toMatchObject({ nextExpectedRevision: 0 });
    await store.close();
  });

  it('refuses every append of a group with EventStoreUnavailableError when the file is full, and stores none', async () => {
    const { store } = await openStore();
    // SQLite answers SQLITE_FULL once the file would grow past max_page_count, as on a full disk.
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages}`);
    const head = await store.headPosition();
    const small = uniqueStream();
    const big = uniqueStream();
    const outcomes = await Promise.allSettled([
      store.append(small, events(1), 'no_stream'),
      store.append(big, [anEvent('IncidentLogged', { text: 'x'.repeat(64 * 1024) })], 'no_stream'),
    ]);
    outcomes.forEach((o) => {
      expect(o.status).toBe('rejected');
      expect((o as PromiseRejectedResult).reason).toBeInstanceOf(EventStoreUnavailableError);
    });
    expect(await store.headPosition()).toBe(head);
    expect(await store.streamRevision(small)).toBe('no_stream');
    store.db.pragma(`max_page_count = ${pages * 1000}`);
    await expect(store.append(big, events(1), 'no_stream')).resolves.toMatchObject({ nextExpectedRevision: 0 });
    await store.close();
  });

  it('starts another group past 256 appends', async () => {
    const { store, path } = await openStore();
    resetWal(store);
    const results = await Promise.all(Array.from({ length: 300 }, () => store.append(uniqueStream(), events(1), 'no_stream')));
    expect(walCommits(path)).toBe(2);
    expect(new Set(results.map((r) => r.lastPosition)).size).toBe(300);
    await store.close();
  });

  it('starts another group past 5,000 events, and never splits one append', async () => {
    const { store, path } = await openStore();
    const big = Array.from({ length: 3 }, () => events(2_000));
    const huge = events(6_000);
    // No checkpoint mid-test: it would restart the WAL and hide the commits before it.
    store.db.pragma('wal_autocheckpoint = 0');
    resetWal(store);
    const results = await Promise.all([...big, huge].map((batch) => store.append(uniqueStream(), batch, 'no_stream')));
    // 2,000 + 2,000 fit; the third would pass 5,000 and starts a group; the 6,000 is a group of its own.
    expect(walCommits(path)).toBe(3);
    results.forEach((r) => expect(r.lastPosition - r.positions[0]!).toBe(r.positions.length - 1));
    expect(results[3]!.positions).toHaveLength(6_000);
    await store.close();
  });

  it('signals subscribers once per group that wrote something, and not for a group of retries', async () => {
    const { store } = await openStore();
    const notify = jest.spyOn(store['signal'], 'notify');
    const batches = Array.from({ length: 5 }, () => events(1));
    const streams = batches.map(() => uniqueStream());
    await Promise.all(batches.map((batch, i) => store.append(streams[i]!, batch, 'no_stream')));
    expect(notify).toHaveBeenCalledTimes(1);
    await Promise.all(batches.map((batch, i) => store.append(streams[i]!, batch, 'no_stream')));
    expect(notify).toHaveBeenCalledTimes(1);
    await store.close();
  });

  it('waits for another connection to release the write lock with the whole group, without blocking the loop', async () => {
    const { store, path } = await openStore();
    resetWal(store);
    const other = new Database(path);
    other.prepare('BEGIN IMMEDIATE').run();
    const appending = Promise.all(Array.from({ length: 3 }, () => store.append(uniqueStream(), events(1), 'no_stream')));
    await new Promise((resolve) => setTimeout(resolve, 30)); // a timer runs while the group waits
    other.prepare('COMMIT').run();
    other.close();
    await expect(appending).resolves.toHaveLength(3);
    expect(walCommits(path)).toBe(1);
    await store.close();
  });

  it('still writes while the caller fakes timers', async () => {
    const { store } = await openStore();
    jest.useFakeTimers();
    try {
      await expect(store.append(uniqueStream(), events(1), 'no_stream')).resolves.toMatchObject({ nextExpectedRevision: 0 });
    } finally {
      jest.useRealTimers();
    }
    await store.close();
  });

  it('writes what is queued when closed, and refuses appends made after', async () => {
    const { store, path } = await openStore();
    const stream = uniqueStream();
    const queued = store.append(stream, events(2), 'no_stream');
    await store.close();
    await expect(queued).resolves.toMatchObject({ nextExpectedRevision: 1 });
    await expect(store.append(uniqueStream(), events(1), 'no_stream')).rejects.toThrow();
    const reopened = new SqliteEventStore({ path });
    expect(await reopened.streamRevision(stream)).toBe(1);
    await reopened.close();
  });

  it('closes without hanging while another connection holds the lock, refusing what was queued', async () => {
    const { store, path } = await openStore({ lockWaitMs: 50 });
    const other = new Database(path);
    other.prepare('BEGIN IMMEDIATE').run();
    const queued = store.append(uniqueStream(), events(1), 'no_stream');
    await store.close();
    await expect(queued).rejects.toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE' });
    other.prepare('ROLLBACK').run();
    other.close();
  });
});
