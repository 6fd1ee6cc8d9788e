import { anEvent, events, uniqueStream } from '../testing';
import { StoredEventRow, toRecordedEvent } from '../stored-row';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * The readers take rows as arrays of named columns (stored-row.ts). What they return must stay
 * exactly what mapping every `SELECT *` row with toRecordedEvent gives, the way they read before.
 */
describe('SQLite reads return the same envelopes as whole rows would', () => {
  let store: SqliteEventStore;
  const stream = uniqueStream();
  const highStream = uniqueStream();
  const highPosition = Number.MAX_SAFE_INTEGER - 1;

  const wholeRows = (where: string, ...params: unknown[]) =>
    (store.db.prepare(`SELECT * FROM events WHERE ${where}`).all(...params) as StoredEventRow[]).map(toRecordedEvent);

  beforeAll(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    await store.init();
    await store.append(
      stream,
      [
        anEvent('TextNoted', { text: 'nul \u0000 here', line: 'a\u2028b', name: 'Zoë 🏠', quote: '"\\' }),
        anEvent('Numbers', { big: 9007199254740991, small: -0.125, exp: 1e-7, list: [null, true, {}] }),
        ...events(3),
      ],
      'no_stream',
    );
    // A position far beyond what appends reach here: put there directly, as years of events would.
    store.db
      .prepare(
        `INSERT INTO events (position, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at)
         VALUES (?, ?, ?, 0, 'HighUp', 3, ?, ?, ?)`,
      )
      .run(highPosition, anEvent().eventId, highStream, '{"ü":"\\u0000"}', JSON.stringify({ ...anEvent().metadata, recordedAt: 'x' }), 'x');
  });
  afterAll(() => store.close());

  it('readAll, from the start and from a position, in pages', async () => {
    const everything = wholeRows('1 ORDER BY position');
    expect(everything).toHaveLength(6);
    expect(await store.readAll()).toStrictEqual(everything);
    expect(await store.readAll({ after: everything[1]!.position, maxCount: 2 })).toStrictEqual(everything.slice(2, 4));
    const [high] = await store.readAll({ after: highPosition - 1 });
    expect(high).toStrictEqual(everything[5]);
    expect(high!.position).toBe(highPosition);
    expect(high!.data).toEqual({ ü: '\u0000' });
  });

  it('readStream forwards and backwards', async () => {
    const forwards = wholeRows('stream_id = ? ORDER BY revision', stream);
    expect(await store.readStream(stream)).toStrictEqual(forwards);
    expect(await store.readStream(stream, { fromRevision: 1, maxCount: 2 })).toStrictEqual(forwards.slice(1, 3));
    expect(await store.readStream(stream, { direction: 'backwards' })).toStrictEqual([...forwards].reverse());
    expect(await store.readStream(highStream)).toStrictEqual(wholeRows('stream_id = ?', highStream));
  });

  it('keeps unicode and escaped NUL exactly', async () => {
    const [text] = await store.readStream(stream, { maxCount: 1 });
    expect(text!.data).toStrictEqual({ text: 'nul \u0000 here', line: 'a\u2028b', name: 'Zoë 🏠', quote: '"\\' });
  });
});
