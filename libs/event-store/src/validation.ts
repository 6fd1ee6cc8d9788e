import { z } from 'zod';
import { EventMetadataInputSchema, NewEvent } from './envelope';
import { InvalidEventStoreInputError } from './errors';
import { acceptorOf } from './schema-acceptor';
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

/**
 * NewEventShape compiled to a plain check (schema-acceptor.ts): zod's machinery was most of the
 * validation cost of an append. An event it does not accept goes to zod, which words the error.
 */
const acceptsNewEvent = acceptorOf(NewEventShape);

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
  // A lone event cannot repeat an id: no set to build.
  const ids = events.length > 1 ? new Set<string>() : undefined;
  const batch: SerialisedEvent[] = new Array(events.length);
  for (let index = 0; index < events.length; index++) {
    const candidate: unknown = events[index];
    if (!acceptsNewEvent(candidate)) {
      const shape = NewEventShape.safeParse(candidate);
      if (!shape.success) {
        const issue = shape.error.issues[0]!;
        const path = [`events[${index}]`, ...issue.path.map(String)].join('.');
        throw new InvalidEventStoreInputError('INVALID_EVENT', path, issue.message);
      }
    }
    const event = candidate as NewEvent;
    if (ids) {
      if (ids.has(event.eventId)) {
        throw new InvalidEventStoreInputError('INVALID_EVENT', `events[${index}].eventId`, 'appears twice in the batch');
      }
      ids.add(event.eventId);
    }
    assertJsonValue(event.data, `events[${index}].data`);
    assertJsonValue(event.metadata, `events[${index}].metadata`);
    batch[index] = { event, data: JSON.stringify(event.data), metadata: JSON.stringify({ ...event.metadata, recordedAt }) };
  }
  return batch;
}

/**
 * Refuses anything that JSON would silently change or drop, so what is read back equals what was
 * written: functions, symbols, bigints, non-finite numbers, class instances (Date, Map...), cycles.
 */
export function assertJsonValue(value: unknown, path: string): void {
  const problem = jsonProblem(value, []);
  if (problem) throw new InvalidEventStoreInputError('EVENT_DATA_NOT_JSON', `${path}${problem.at.reverse().join('')}`, problem.detail);
}

interface JsonProblem {
  detail: string;
  /** Where, innermost first: `.key` and `[i]` steps, collected on the way back out. */
  at: string[];
}

/**
 * The first value that is not plain JSON, or undefined. Walks every value of every event, so it
 * builds nothing on the way down (the path is collected only for a value it refuses); `ancestors`
 * holds the objects being walked, which is what a cycle returns to.
 */
function jsonProblem(value: unknown, ancestors: object[]): JsonProblem | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (value === undefined) return { detail: 'undefined is not JSON (in a list it would turn into null)', at: [] };
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { detail: `${value} is not a JSON number`, at: [] };
  if (typeof value !== 'object') return { detail: `a ${typeof value} cannot be stored as JSON`, at: [] };
  if (ancestors.includes(value)) return { detail: 'refers to itself (a cycle)', at: [] };
  ancestors.push(value);
  let problem: JsonProblem | undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && !problem; i++) {
      // A hole of a sparse list is skipped, as it always was (forEach skipped it).
      if (value[i] === undefined && !(i in value)) continue;
      problem = jsonProblem(value[i], ancestors);
      problem?.at.push(`[${i}]`);
    }
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const name = (proto as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'non-plain';
      problem = { detail: `a ${name} object is not JSON; send plain values (dates as ISO strings)`, at: [] };
    }
    const record = value as Record<string, unknown>;
    const keys = problem ? [] : Object.keys(record);
    for (let k = 0; k < keys.length && !problem; k++) {
      const item = record[keys[k]!];
      // A key whose value is undefined is dropped by JSON and by the reader alike: nothing changes.
      if (item === undefined) continue;
      problem = jsonProblem(item, ancestors);
      problem?.at.push(`.${keys[k]}`);
    }
  }
  ancestors.pop();
  return problem;
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
