import { StoredEventValues, toRecordedEvent, toRecordedEventFromValues } from './stored-row';

// JSON text as SQLite stores it: escaped NUL and line separator, non-ASCII letters, an astral emoji.
const DATA = '{"note":"a\\u0000b\\u2028c","name":"Zoë Ōkubo 🏠","nested":{"list":[1,2.5,null,true]},"n":-0.125}';
const METADATA =
  '{"actorId":"user-1","actorRole":"caseworker","agency":"tmbc","correlationId":"corr-1","causationId":"cmd-1",' +
  '"commandId":"cmd-1","occurredAt":"2026-03-01T10:00:00.000Z","previousHash":"ab12","hash":"cd34",' +
  '"recordedAt":"2026-03-01T10:00:01.000Z"}';

const values: StoredEventValues = [
  Number.MAX_SAFE_INTEGER,
  '3f1c0d5e-8a43-4c55-9a5e-0f7c2b1d9e10',
  'asb-42',
  7,
  'IncidentLogged',
  2,
  DATA,
  METADATA,
];

// Spelled out rather than built from testing/fixtures: this pins the exact envelope, key order included.
const expected = {
  eventId: '3f1c0d5e-8a43-4c55-9a5e-0f7c2b1d9e10',
  streamId: 'asb-42',
  type: 'IncidentLogged',
  schemaVersion: 2,
  data: { note: 'a\u0000b\u2028c', name: 'Zoë Ōkubo 🏠', nested: { list: [1, 2.5, null, true] }, n: -0.125 },
  metadata: {
    actorId: 'user-1',
    actorRole: 'caseworker',
    agency: 'tmbc',
    correlationId: 'corr-1',
    causationId: 'cmd-1',
    commandId: 'cmd-1',
    occurredAt: '2026-03-01T10:00:00.000Z',
    previousHash: 'ab12',
    hash: 'cd34',
    recordedAt: '2026-03-01T10:00:01.000Z',
  },
  revision: 7,
  position: Number.MAX_SAFE_INTEGER,
};

describe('stored row to envelope', () => {
  it('builds the full envelope from an array row: every value, plain objects, keys in envelope order', () => {
    const event = toRecordedEventFromValues(values);
    expect(event).toStrictEqual(expected);
    expect(Object.keys(event)).toEqual(['eventId', 'streamId', 'type', 'schemaVersion', 'data', 'metadata', 'revision', 'position']);
    expect(Object.keys(event.metadata)).toEqual(Object.keys(expected.metadata));
    expect(Object.getPrototypeOf(event.data)).toBe(Object.prototype);
    expect((event.data as { note: string }).note).toHaveLength(5);
  });

  it('gives exactly what the named-column row gives (the PostgreSQL reader, and SQLite before)', () => {
    const [position, event_id, stream_id, revision, type, schema_version, data, metadata] = values;
    const fromObject = toRecordedEvent({ position: String(position), event_id, stream_id, revision, type, schema_version, data, metadata });
    const fromValues = toRecordedEventFromValues(values);
    expect(fromValues).toStrictEqual(fromObject);
    expect(JSON.stringify(fromValues)).toBe(JSON.stringify(fromObject));
  });

  it('turns a position the driver gives as a bigint into a number', () => {
    const event = toRecordedEventFromValues([BigInt(Number.MAX_SAFE_INTEGER), ...values.slice(1)] as StoredEventValues);
    expect(event.position).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('still refuses a row whose JSON is broken, as parsing it always did', () => {
    const broken = [...values] as StoredEventValues;
    broken[7] = '{"actorId":';
    expect(() => toRecordedEventFromValues(broken)).toThrow(SyntaxError);
  });
});
