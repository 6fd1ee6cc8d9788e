import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventIdConflictError } from '../errors';
import { anEvent, events, uniqueStream } from '../testing';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * The SQLite adapter does not look ids up before inserting: UNIQUE (event_id) refuses a stored
 * one, the append's rows are rolled back, and only then are its ids looked up. These cover the
 * cases where that refusal comes part-way through a batch, alone (no savepoint: the whole
 * transaction rolls back) and inside a group (its savepoint rolls back, the rest commits).
 */
const dir = mkdtempSync(join(tmpdir(), 'casetrail-sqlite-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let store: SqliteEventStore;
let fileNo = 0;
beforeEach(async () => {
  store = new SqliteEventStore({ path: join(dir, `ids-${++fileNo}.db`) });
  await store.init();
});
afterEach(() => store.close());

describe('SQLite appends whose ids are stored already', () => {
  it("answers a retry expecting 'any' with the original positions, burning no position", async () => {
    const stream = uniqueStream();
    const batch = events(3);
    const original = await store.append(stream, batch, 'any');
    expect(await store.append(stream, batch, 'any')).toEqual({ ...original, duplicate: true });
    const next = await store.append(uniqueStream(), events(1), 'any');
    expect(next.positions).toEqual([original.lastPosition + 1]);
  });

  it('refuses a lone batch whose last id is stored, keeping none of its rows', async () => {
    const stored = anEvent();
    await store.append(uniqueStream(), [stored], 'no_stream');
    const stream = uniqueStream();
    const head = await store.headPosition();
    await expect(store.append(stream, [anEvent(), anEvent(), stored], 'any')).rejects.toBeInstanceOf(EventIdConflictError);
    expect(await store.streamRevision(stream)).toBe('no_stream');
    expect((await store.append(uniqueStream(), events(1), 'any')).positions).toEqual([head + 1]);
  });

  it('refuses only the grouped append whose last id is stored; the rest of the group commits, without a gap', async () => {
    const stored = anEvent();
    await store.append(uniqueStream(), [stored], 'no_stream');
    const [a, conflicting, c] = [uniqueStream(), uniqueStream(), uniqueStream()];
    const outcomes = await Promise.allSettled([
      store.append(a, events(2), 'no_stream'),
      store.append(conflicting, [anEvent(), stored], 'any'),
      store.append(c, events(1), 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(EventIdConflictError);
    const [first, third] = [outcomes[0], outcomes[2]].map((o) => (o as PromiseFulfilledResult<{ positions: number[] }>).value);
    expect(third!.positions[0]).toBe(first!.positions[1]! + 1);
    expect(await store.streamRevision(conflicting)).toBe('no_stream');
  });

  it("answers the second of two identical appends in one group as a retry of the first, expecting 'any'", async () => {
    const stream = uniqueStream();
    const batch = events(2);
    const [first, second] = await Promise.all([store.append(stream, batch, 'any'), store.append(stream, batch, 'any')]);
    expect(second).toEqual({ ...first, duplicate: true });
    expect(await store.readStream(stream)).toHaveLength(2);
  });
});
