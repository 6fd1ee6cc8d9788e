import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract, events, uniqueStream } from '../testing';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'casetrail-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
async function openStore(path = join(dir, `store-${++fileNo}.db`), options: { lockWaitMs?: number } = {}): Promise<SqliteEventStore> {
  const store = new SqliteEventStore({ path, pollIntervalMs: 50, ...options });
  await store.init();
  return store;
}

describeEventStoreContract('sqlite', { create: () => openStore() });

describe('SQLite adapter', () => {
  it('never reuses a global position, even after the newest events are deleted', async () => {
    const store = await openStore();
    const stream = uniqueStream();
    const first = await store.append(stream, events(3), 'no_stream');
    store.db.prepare('DELETE FROM events WHERE position >= ?').run(first.positions[1]);
    const next = await store.append(uniqueStream(), events(1), 'no_stream');
    expect(next.positions[0]).toBeGreaterThan(first.lastPosition);
    await store.close();
  });

  it('keeps events across reopening the file, and migrating again changes nothing', async () => {
    const path = join(dir, 'reopen.db');
    const stream = uniqueStream();
    const store = await openStore(path);
    await store.append(stream, events(2), 'no_stream');
    await store.close();
    const reopened = await openStore(path);
    expect(await reopened.streamRevision(stream)).toBe(1);
    const migrations = reopened.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
    expect(migrations.n).toBe(1);
    await reopened.close();
  });

  it('sees writes made through another connection to the same file', async () => {
    const path = join(dir, 'two-connections.db');
    const writer = await openStore(path);
    const reader = await openStore(path);
    const stream = uniqueStream();
    const seen: number[] = [];
    const subscription = reader.subscribeToAll({ onEvent: (e) => void seen.push(e.revision) });
    const { lastPosition } = await writer.append(stream, events(5), 'no_stream');
    expect(await subscription.waitFor(lastPosition, 5_000)).toBe(true);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    await subscription.stop();
    await Promise.all([writer.close(), reader.close()]);
  });

  it('creates the folder of a configured path that does not exist yet', async () => {
    const store = await openStore(join(dir, 'nested', 'deeper', 'casetrail.db'));
    await store.append(uniqueStream(), events(1), 'no_stream');
    await store.close();
  });
});

describe('SQLite adapter when the file cannot be written', () => {
  it('waits for another connection of the same process to commit, without blocking the event loop', async () => {
    const path = join(dir, 'busy.db');
    const store = await openStore(path);
    const other = new Database(path);
    other.prepare('BEGIN IMMEDIATE').run();
    const stream = uniqueStream();
    const appending = store.append(stream, events(1), 'no_stream');
    // The loop is free while the append waits: a timer runs, and releases the lock.
    await new Promise((resolve) => setTimeout(resolve, 30));
    other.prepare('COMMIT').run();
    other.close();
    await expect(appending).resolves.toMatchObject({ nextExpectedRevision: 0 });
    await store.close();
  });

  it('refuses with EventStoreUnavailableError while another connection holds the write lock, and writes nothing', async () => {
    const path = join(dir, 'locked.db');
    const store = await openStore(path, { lockWaitMs: 50 });
    const other = new Database(path);
    other.prepare('BEGIN IMMEDIATE').run();
    const stream = uniqueStream();
    await expect(store.append(stream, events(1), 'no_stream')).rejects.toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE' });
    other.prepare('ROLLBACK').run();
    other.close();
    expect(await store.streamRevision(stream)).toBe('no_stream');
    await store.append(stream, events(1), 'no_stream');
    await store.close();
  });
});
