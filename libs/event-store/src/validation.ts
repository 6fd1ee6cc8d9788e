import { z } from 'zod';
import { EventMetadataInputSchema, NewEvent } from './envelope';
import { InvalidEventStoreInputError } from './errors';
import { ExpectedRevision } from './expected-revision';
import { ReadAllOptions, ReadStreamOptions } from './event-store.port';

export const MAX_STREAM_ID_LENGTH = 200;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

export function assertStreamId(streamId: unknown): asserts streamId is string {
  const fail = (detail: string) => {
    throw new InvalidEventStoreInputError('INVALID_STREAM_ID', 'streamId', detail);
  };
  if (typeof streamId !== 'string') fail('must be a string');
  const id = streamId as string;
  if (id.length === 0) fail('must not be empty');
  if (id.length > MAX_STREAM_ID_LENGTH) fail(`must be at most ${MAX_STREAM_ID_LENGTH} characters, got ${id.length}`);
  if (id.trim() !== id) fail('must not start or end with white space');
  if (id.startsWith('$')) fail("must not start with '$' (reserved for system streams)");
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\u0000-\u001f\u007f]/.test(id)) fail('must not contain control characters');
}

export function assertExpectedRevision(value: unknown): asserts value is ExpectedRevision {
  if (value === 'any' || value === 'no_stream' || value === 'stream_exists') return;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return;
  throw new InvalidEventStoreInputError(
    'INVALID_EXPECTED_REVISION',
    'expectedRevision',
    `must be 'any', 'no_stream', 'stream_exists' or a revision >= 0, got ${safeShow(value)}`,
  );
}

const NewEventShape = z.object({
  eventId: z.uuid(),
  type: z.string().regex(EVENT_TYPE, 'must be a letter then up to 99 letters, digits, _ . or -'),
  schemaVersion: z.number().int().min(1),
  metadata: EventMetadataInputSchema,
});

export interface SerialisedEvent {
  event: NewEvent;
  data: string;
  metadata: string;
}

/**
 * Validates a batch and returns each event's data and metadata as JSON text, the metadata
 * stamped with the time the store records it.
 */
export function serialiseBatch(events: unknown, recordedAt: string): SerialisedEvent[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidEventStoreInputError('EMPTY_APPEND', 'events', 'must be a non-empty array');
  }
  const ids = new Set<string>();
  return events.map((candidate, index) => {
    const shape = NewEventShape.safeParse(candidate);
    if (!shape.success) {
      const issue = shape.error.issues[0]!;
      const path = [`events[${index}]`, ...issue.path.map(String)].join('.');
      throw new InvalidEventStoreInputError('INVALID_EVENT', path, issue.message);
    }
    const event = candidate as NewEvent;
    if (ids.has(event.eventId)) {
      throw new InvalidEventStoreInputError('INVALID_EVENT', `events[${index}].eventId`, 'appears twice in the batch');
    }
    ids.add(event.eventId);
    assertJsonValue(event.data, `events[${index}].data`);
    assertJsonValue(event.metadata, `events[${index}].metadata`);
    return { event, data: JSON.stringify(event.data), metadata: JSON.stringify({ ...event.metadata, recordedAt }) };
  });
}

/**
 * Refuses anything that JSON would silently change or drop, so what is read back equals what was
 * written: functions, symbols, bigints, non-finite numbers, class instances (Date, Map...), cycles.
 */
export function assertJsonValue(value: unknown, path: string, seen: Set<object> = new Set()): void {
  const fail = (detail: string) => {
    throw new InvalidEventStoreInputError('EVENT_DATA_NOT_JSON', path, detail);
  };
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (value === undefined) fail('undefined is not JSON (in a list it would turn into null)');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(`${value} is not a JSON number`);
    return;
  }
  if (typeof value !== 'object') return fail(`a ${typeof value} cannot be stored as JSON`);
  if (seen.has(value)) fail('refers to itself (a cycle)');
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertJsonValue(item, `${path}[${i}]`, seen));
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      fail(`a ${proto?.constructor?.name ?? 'non-plain'} object is not JSON; send plain values (dates as ISO strings)`);
    }
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) assertJsonValue(item, `${path}.${key}`, seen);
    }
  }
  seen.delete(value);
}

export function assertReadStreamOptions(options: ReadStreamOptions): void {
  if (options.fromRevision !== undefined) assertNonNegative(options.fromRevision, 'fromRevision');
  if (options.maxCount !== undefined) assertNonNegative(options.maxCount, 'maxCount');
  if (options.direction !== undefined && options.direction !== 'forwards' && options.direction !== 'backwards') {
    throw new InvalidEventStoreInputError('INVALID_READ_OPTIONS', 'direction', "must be 'forwards' or 'backwards'");
  }
}

export function assertReadAllOptions(options: ReadAllOptions): void {
  if (options.after !== undefined) assertNonNegative(options.after, 'after');
  if (options.maxCount !== undefined) assertNonNegative(options.maxCount, 'maxCount');
}

function assertNonNegative(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidEventStoreInputError('INVALID_READ_OPTIONS', field, `must be an integer >= 0, got ${safeShow(value)}`);
  }
}

function safeShow(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return typeof value;
}
