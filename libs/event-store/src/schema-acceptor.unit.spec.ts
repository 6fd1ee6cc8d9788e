import fc from 'fast-check';
import { z } from 'zod';
import { EventMetadataInputSchema, IsoInstant } from './envelope';
import { InvalidEventStoreInputError } from './errors';
import { acceptorOf } from './schema-acceptor';
import { anEvent } from './testing/fixtures';
import { serialiseBatch } from './validation';

/** The shape serialiseBatch checks, restated here only to probe the acceptor against zod. */
const EventShape = z.object({
  eventId: z.uuid(),
  type: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/g, 'bad type'),
  schemaVersion: z.number().int().min(1),
  metadata: EventMetadataInputSchema,
});

/** One change at a time to a valid event: each either keeps it valid or breaks one rule. */
function variants(): unknown[] {
  const event = anEvent();
  const meta = event.metadata as unknown as Record<string, unknown>;
  const withMeta = (key: string, value: unknown) => ({ ...event, metadata: { ...meta, [key]: value } });
  return [
    event,
    { ...event, extra: 1 },
    withMeta('hashChain', { prev: 'x' }),
    null,
    [],
    'event',
    { ...event, eventId: 'nope' },
    { ...event, eventId: event.eventId.toUpperCase() },
    { ...event, eventId: `${event.eventId} ` },
    { ...event, type: '' },
    { ...event, type: '9Logged' },
    { ...event, type: 'A'.repeat(100) },
    { ...event, type: 'A'.repeat(101) },
    { ...event, schemaVersion: 0 },
    { ...event, schemaVersion: 1.5 },
    { ...event, schemaVersion: Number.NaN },
    { ...event, schemaVersion: Infinity },
    { ...event, schemaVersion: 2 ** 53 },
    { ...event, schemaVersion: '1' },
    { ...event, metadata: null },
    { ...event, metadata: [] },
    withMeta('actorId', ''),
    withMeta('actorId', 'a'.repeat(200)),
    withMeta('actorId', 'a'.repeat(201)),
    withMeta('actorRole', 'r'.repeat(51)),
    withMeta('agency', 7),
    withMeta('commandId', undefined),
    withMeta('occurredAt', '2026-03-01T10:00:00Z'),
    withMeta('occurredAt', '2026-03-01T10:00:00+01:00'),
    withMeta('occurredAt', '2026-03-01T10:00:00'),
    withMeta('occurredAt', '2026-02-30T10:00:00Z'),
    withMeta('occurredAt', new Date()),
  ];
}

describe('acceptorOf', () => {
  it('accepts nothing the schema refuses, and the valid variants so zod is skipped for them', () => {
    const accepts = acceptorOf(EventShape);
    const zodOnly = variants().filter((candidate) => EventShape.safeParse(candidate).success && !accepts(candidate));
    const tooLoose = variants().filter((candidate) => accepts(candidate) && !EventShape.safeParse(candidate).success);
    expect(tooLoose).toEqual([]);
    expect(zodOnly).toEqual([]);
    // The regex is global: the acceptor must reset its lastIndex, as zod does, or every other test fails.
    expect([1, 2, 3].map(() => accepts(anEvent()))).toEqual([true, true, true]);
  });

  it('never accepts a value the schema refuses, over generated events (fast-check)', () => {
    const accepts = acceptorOf(EventShape);
    const base = anEvent();
    const field = <T>(valid: T) => fc.oneof(fc.constant(valid), fc.anything());
    // Near every length bound the envelope has (50, 100, 200) as well as anything short.
    const nearBound = fc.constantFrom(50, 100, 200).chain((bound) => fc.integer({ min: bound - 1, max: bound + 1 })).map((n) => 'a'.repeat(n));
    const text = (valid: string) => fc.oneof(fc.constant(valid), nearBound, fc.string({ maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 5 }));
    const metadata = fc.record({
      actorId: text(base.metadata.actorId),
      actorRole: text(base.metadata.actorRole),
      agency: text(base.metadata.agency),
      correlationId: text(base.metadata.correlationId),
      causationId: text(base.metadata.causationId),
      commandId: text(base.metadata.commandId),
      occurredAt: fc.oneof(fc.constant(base.metadata.occurredAt), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
    });
    const event = fc.record({
      eventId: fc.oneof(fc.uuid(), fc.string()),
      type: fc.oneof(fc.constant('IncidentLogged'), fc.stringMatching(/^[A-Za-z0-9_.-]{0,102}$/)),
      schemaVersion: fc.oneof(fc.integer(), fc.double(), field(1)),
      metadata: fc.oneof(metadata, field(base.metadata)),
    });
    fc.assert(fc.property(event, (candidate) => !accepts(candidate) || EventShape.safeParse(candidate).success), { numRuns: 2000 });
  });

  it('takes the strictest of several bounds', () => {
    const accepts = acceptorOf(z.number().min(1).min(5).max(10).max(7).lt(7));
    expect([0, 4, 5, 6.5, 7, 8].map(accepts)).toEqual([false, false, true, true, false, false]);
    expect(acceptorOf(z.string().min(2).max(4).min(3))('ab')).toBe(false);
  });

  it('follows the formats it reads off the schema', () => {
    const accepts = acceptorOf(IsoInstant);
    expect(accepts('2024-02-29T00:00:00.5-05:30')).toBe(true);
    expect(accepts('2023-02-29T00:00:00Z')).toBe(false);
  });

  it.each([
    ['a refinement', z.string().refine((s) => s !== 'x')],
    ['an optional key', z.object({ a: z.string().optional() })],
    ['a strict object', z.strictObject({ a: z.string() })],
    ['a format checked by code', z.email()],
    ['coercion', z.coerce.number()],
    ['a boolean', z.boolean()],
  ])('refuses to compile %s, at load time', (_label, schema) => {
    expect(() => acceptorOf(schema)).toThrow(/not supported/);
  });
});

describe('serialiseBatch with the compiled check', () => {
  it('still words an invalid event as zod does, naming the field', () => {
    const event = anEvent();
    const refuse = (candidate: unknown) => {
      try {
        serialiseBatch([anEvent(), candidate], '2026-03-01T10:00:01.000Z');
      } catch (error) {
        return error instanceof InvalidEventStoreInputError ? `${error.code} ${error.message}` : error;
      }
      return 'accepted';
    };
    expect(refuse({ ...event, metadata: { ...event.metadata, agency: 'a'.repeat(101) } })).toBe(
      `INVALID_EVENT events[1].metadata.agency: ${EventMetadataInputSchema.shape.agency.safeParse('a'.repeat(101)).error!.issues[0]!.message}`,
    );
    expect(refuse({ ...event, type: '9' })).toBe(
      'INVALID_EVENT events[1].type: must be a letter then up to 99 letters, digits, _ . or -',
    );
    expect(refuse({ ...event, data: { list: [1, { at: new Date(0) }] } })).toBe(
      'EVENT_DATA_NOT_JSON events[1].data.list[1].at: a Date object is not JSON; send plain values (dates as ISO strings)',
    );
    expect(refuse(event)).toBe('accepted');
  });

  it('skips the holes of a sparse list, as before, and refuses an undefined item', () => {
    const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays -- the hole is the point
    expect(serialiseBatch([anEvent('IncidentLogged', { sparse })], 'now')[0]!.data).toBe('{"sparse":[1,null,3]}');
    expect(() => serialiseBatch([anEvent('IncidentLogged', { list: [1, undefined] })], 'now')).toThrow(
      'events[0].data.list[1]: undefined is not JSON',
    );
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };
    expect(serialiseBatch([anEvent('IncidentLogged', { x: shared, y: [shared] })], 'now')[0]!.data).toBe(
      '{"x":{"a":1},"y":[{"a":1}]}',
    );
  });
});
