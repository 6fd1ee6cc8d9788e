import { EventStore } from '../event-store.port';
import { RecordedEvent } from '../envelope';
import { EventIdConflictError, InvalidEventStoreInputError, WrongExpectedRevisionError } from '../errors';
import { anEvent, events, uniqueStream } from './fixtures';

export interface ContractHarness {
  /** A store on fresh, migrated storage. */
  create(): Promise<EventStore>;
  /** Optional: runs after each test with the store `create` returned. */
  destroy?(store: EventStore): Promise<void>;
}

/**
 * The behaviour every adapter must show, run unchanged against each (SQLite, PostgreSQL,
 * EventStoreDB). Streams are unique per test, so tests do not depend on each other's data;
 * assertions about all streams are relative to positions seen in the same test.
 */
export function describeEventStoreContract(name: string, harness: ContractHarness): void {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await harness.create();
    });
    afterEach(async () => {
      if (harness.destroy) await harness.destroy(store);
      else await store.close();
    });

    describe('append', () => {
      it('numbers a new stream from revision 0 with increasing global positions', async () => {
        const stream = uniqueStream();
        const result = await store.append(stream, events(3), 'no_stream');
        expect(result.nextExpectedRevision).toBe(2);
        expect(result.duplicate).toBe(false);
        expect(result.positions).toHaveLength(3);
        expect(result.positions[0]).toBeGreaterThan(0);
        expect([...result.positions].sort((a, b) => a - b)).toEqual(result.positions);
        expect(result.lastPosition).toBe(result.positions[2]);
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(read.map((e) => e.position)).toEqual(result.positions);
      });

      it('continues a stream at the exact expected revision', async () => {
        const stream = uniqueStream();
        await store.append(stream, events(2), 'no_stream');
        const result = await store.append(stream, events(1), 1);
        expect(result.nextExpectedRevision).toBe(2);
      });

      it.each([
        ['any', 'missing', true],
        ['any', 'existing', true],
        ['no_stream', 'missing', true],
        ['no_stream', 'existing', false],
        ['stream_exists', 'missing', false],
        ['stream_exists', 'existing', true],
      ] as const)('expected %s on a %s stream: accepted=%s', async (expected, state, accepted) => {
        const stream = uniqueStream();
        if (state === 'existing') await store.append(stream, events(1), 'no_stream');
        const attempt = store.append(stream, events(1), expected);
        if (accepted) await expect(attempt).resolves.toMatchObject({ duplicate: false });
        else {
          await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
          await expect(attempt).rejects.toMatchObject({ actual: state === 'existing' ? 0 : 'no_stream' });
        }
      });

      it('refuses a stale exact revision, reporting the actual revision and writing nothing', async () => {
        const stream = uniqueStream();
        await store.append(stream, events(3), 'no_stream');
        const error = await store.append(stream, events(2), 1).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', streamId: stream, expected: 1, actual: 2 });
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('refuses an exact revision on a stream that does not exist', async () => {
        await expect(store.append(uniqueStream(), events(1), 0)).rejects.toMatchObject({
          code: 'WRONG_EXPECTED_REVISION',
          actual: 'no_stream',
        });
      });

      it('lets exactly one of many concurrent writers with the same expectation win', async () => {
        const stream = uniqueStream();
        await store.append(stream, events(1), 'no_stream');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, () => store.append(stream, events(2), 0)),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        losers.forEach((o) => expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError));
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('writes a batch all or nothing: one unserialisable event writes none of it', async () => {
        const stream = uniqueStream();
        const head = await store.headPosition();
        const batch = [anEvent(), anEvent('IncidentLogged', { bad: BigInt(1) }), anEvent()];
        await expect(store.append(stream, batch, 'any')).rejects.toBeInstanceOf(InvalidEventStoreInputError);
        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.streamRevision(stream)).toBe('no_stream');
        expect(await store.headPosition()).toBe(head);
      });
    });

    describe('retried appends (idempotency by event id)', () => {
      it('returns the original positions and writes nothing twice', async () => {
        const stream = uniqueStream();
        const batch = events(3);
        const first = await store.append(stream, batch, 'no_stream');
        const again = await store.append(stream, batch, 'no_stream');
        expect(again).toEqual({ ...first, duplicate: true });
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('recognises a retry even after the stream has moved on', async () => {
        const stream = uniqueStream();
        const batch = events(2);
        const first = await store.append(stream, batch, 'no_stream');
        await store.append(stream, events(1), 1);
        const again = await store.append(stream, batch, 'no_stream');
        expect(again.positions).toEqual(first.positions);
        expect(again.nextExpectedRevision).toBe(1);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('refuses a batch that reuses some stored ids with new ones, writing nothing', async () => {
        const stream = uniqueStream();
        const [a, b] = events(2);
        await store.append(stream, [a!], 'no_stream');
        await expect(store.append(stream, [a!, b!], 'any')).rejects.toBeInstanceOf(EventIdConflictError);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('refuses an id already stored in another stream', async () => {
        const event = anEvent();
        await store.append(uniqueStream(), [event], 'no_stream');
        const other = uniqueStream();
        await expect(store.append(other, [event], 'no_stream')).rejects.toMatchObject({ code: 'EVENT_ID_CONFLICT' });
        expect(await store.streamRevision(other)).toBe('no_stream');
      });
    });

    describe('reading one stream', () => {
      it('reads forwards and backwards, from a revision, with a maximum count', async () => {
        const stream = uniqueStream();
        await store.append(stream, events(5), 'no_stream');
        const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(stream, options)).map((e) => e.revision);
        expect(await revisions({})).toEqual([0, 1, 2, 3, 4]);
        expect(await revisions({ fromRevision: 2 })).toEqual([2, 3, 4]);
        expect(await revisions({ fromRevision: 1, maxCount: 2 })).toEqual([1, 2]);
        expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
        expect(await revisions({ direction: 'backwards', fromRevision: 3, maxCount: 2 })).toEqual([3, 2]);
        expect(await revisions({ fromRevision: 9 })).toEqual([]);
        expect(await revisions({ maxCount: 0 })).toEqual([]);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(uniqueStream())).toEqual([]);
        expect(await store.streamRevision(uniqueStream())).toBe('no_stream');
      });

      it('gives back the envelope exactly as written, stamped with recordedAt', async () => {
        const stream = uniqueStream();
        const data = {
          name: 'Zoë Ó Briain — “quoted” ✓ 🏳️‍🌈 \u0000 \\ \n',
          nested: { list: [1, 2.5, -3e10, true, null, 'x'], empty: {} },
          big: 'a'.repeat(100_000),
        };
        const event = anEvent('VictimRecorded', data, { schemaVersion: 2 });
        const { positions } = await store.append(stream, [event], 'no_stream');
        const [read] = await store.readStream(stream);
        expect(read).toMatchObject({
          eventId: event.eventId,
          streamId: stream,
          type: 'VictimRecorded',
          schemaVersion: 2,
          revision: 0,
          position: positions[0],
          data,
          metadata: { ...event.metadata, recordedAt: expect.any(String) },
        });
        expect(Number.isNaN(Date.parse(read!.metadata.recordedAt))).toBe(false);
      });

      it('keeps extra metadata keys', async () => {
        const stream = uniqueStream();
        const event = anEvent();
        event.metadata = { ...event.metadata, policy: { fpnAmount: 100 } };
        await store.append(stream, [event], 'no_stream');
        expect((await store.readStream(stream))[0]!.metadata).toMatchObject({ policy: { fpnAmount: 100 } });
      });
    });

    describe('reading all streams', () => {
      it('reads every stream in commit order after a checkpoint, with a maximum count', async () => {
        const head = await store.headPosition();
        const a = uniqueStream();
        const b = uniqueStream();
        await store.append(a, events(2), 'no_stream');
        await store.append(b, events(1), 'no_stream');
        await store.append(a, events(1), 1);
        const mine = (await store.readAll({ after: head })).filter((e) => e.streamId === a || e.streamId === b);
        expect(mine.map((e) => `${e.streamId === a ? 'a' : 'b'}${e.revision}`)).toEqual(['a0', 'a1', 'b0', 'a2']);
        const positions = mine.map((e) => e.position);
        expect([...positions].sort((x, y) => x - y)).toEqual(positions);
        const two = await store.readAll({ after: head, maxCount: 2 });
        expect(two).toHaveLength(2);
        const rest = await store.readAll({ after: two[1]!.position });
        expect(rest.every((e) => e.position > two[1]!.position)).toBe(true);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(positions[3]!);
      });
    });

    describe('subscribing to all', () => {
      it('catches up, then goes live, delivering each event once and in order', async () => {
        const stream = uniqueStream();
        const head = await store.headPosition();
        await store.append(stream, events(20), 'no_stream');
        const seen: RecordedEvent[] = [];
        const subscription = store.subscribeToAll({
          after: head,
          batchSize: 7,
          onEvent: (e) => {
            if (e.streamId === stream) seen.push(e);
          },
        });
        // Writes racing the catch-up: the switch to live must neither skip nor repeat.
        let revision = 19;
        let last = 0;
        for (let i = 0; i < 10; i++) {
          const result = await store.append(stream, events(3), revision);
          revision = result.nextExpectedRevision;
          last = result.lastPosition;
        }
        expect(await subscription.waitFor(last, 10_000)).toBe(true);
        await subscription.stop();
        expect(seen.map((e) => e.revision)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      });

      it('starts strictly after its checkpoint', async () => {
        const stream = uniqueStream();
        const { positions } = await store.append(stream, events(4), 'no_stream');
        const seen: number[] = [];
        const subscription = store.subscribeToAll({
          after: positions[1],
          onEvent: (e) => {
            if (e.streamId === stream) seen.push(e.revision);
          },
        });
        expect(await subscription.waitFor(positions[3]!, 10_000)).toBe(true);
        await subscription.stop();
        expect(seen).toEqual([2, 3]);
      });

      it('stops and reports when a handler fails, delivering nothing after it', async () => {
        const stream = uniqueStream();
        const head = await store.headPosition();
        await store.append(stream, events(3), 'no_stream');
        const seen: number[] = [];
        const failure = new Promise<unknown>((resolve) => {
          store.subscribeToAll({
            after: head,
            onEvent: (e) => {
              if (e.streamId !== stream) return;
              seen.push(e.revision);
              if (e.revision === 1) throw new Error('projection failed');
            },
            onError: resolve,
          });
        });
        expect(await failure).toMatchObject({ message: 'projection failed' });
        expect(seen).toEqual([0, 1]);
      });

      it('reports a wait that times out', async () => {
        const head = await store.headPosition();
        const subscription = store.subscribeToAll({ after: head, onEvent: () => undefined });
        expect(await subscription.waitFor(head + 1_000_000, 300)).toBe(false);
        await subscription.stop();
      });
    });

    describe('bad input gets a typed error and writes nothing', () => {
      const badStreamIds: [string, unknown][] = [
        ['empty', ''],
        ['over-long', 'x'.repeat(201)],
        ['system-reserved', '$all'],
        ['padded', ' asb-1'],
        ['control characters', 'asb-\n1'],
        ['not a string', 42],
      ];
      it.each(badStreamIds)('stream id: %s', async (_label, streamId) => {
        const head = await store.headPosition();
        await expect(store.append(streamId as string, events(1), 'any')).rejects.toMatchObject({
          code: 'INVALID_STREAM_ID',
          field: 'streamId',
        });
        expect(await store.headPosition()).toBe(head);
      });

      it('accepts a stream id of exactly 200 characters', async () => {
        const id = 'x'.repeat(200);
        await store.append(id, events(1), 'any');
        expect(await store.streamRevision(id)).toBeGreaterThanOrEqual(0);
      });

      it.each([[-1], [1.5], ['latest'], [Number.NaN], [null]])('expected revision %p', async (expected) => {
        const stream = uniqueStream();
        await expect(store.append(stream, events(1), expected as never)).rejects.toMatchObject({
          code: 'INVALID_EXPECTED_REVISION',
        });
        expect(await store.streamRevision(stream)).toBe('no_stream');
      });

      const circular: Record<string, unknown> = {};
      circular.self = circular;
      it.each([
        ['a bigint', { amount: BigInt(100) }, 'events[0].data.amount'],
        ['a cycle', circular, 'events[0].data.self'],
        ['a Date object', { at: new Date() }, 'events[0].data.at'],
        ['a function', { f: () => 1 }, 'events[0].data.f'],
        ['NaN', { n: Number.NaN }, 'events[0].data.n'],
        ['Infinity', [Infinity], 'events[0].data[0]'],
        ['an undefined array item', [1, undefined], 'events[0].data[1]'],
      ])('data holding %s, naming the field', async (_label, data, field) => {
        const stream = uniqueStream();
        await expect(store.append(stream, [anEvent('IncidentLogged', data)], 'any')).rejects.toMatchObject({
          code: 'EVENT_DATA_NOT_JSON',
          field,
        });
        expect(await store.streamRevision(stream)).toBe('no_stream');
      });

      it.each([
        ['a non-uuid id', { eventId: 'nope' }, 'events[0].eventId'],
        ['an empty type', { type: '' }, 'events[0].type'],
        ['schema version 0', { schemaVersion: 0 }, 'events[0].schemaVersion'],
      ])('an event with %s', async (_label, override, field) => {
        const stream = uniqueStream();
        await expect(store.append(stream, [anEvent('IncidentLogged', {}, override)], 'any')).rejects.toMatchObject({
          code: 'INVALID_EVENT',
          field,
        });
        expect(await store.streamRevision(stream)).toBe('no_stream');
      });

      it('an event without an actor', async () => {
        const event = anEvent();
        const { actorId: _dropped, ...metadata } = event.metadata;
        await expect(store.append(uniqueStream(), [{ ...event, metadata } as never], 'any')).rejects.toMatchObject({
          code: 'INVALID_EVENT',
          field: 'events[0].metadata.actorId',
        });
      });

      it('an empty batch', async () => {
        await expect(store.append(uniqueStream(), [], 'any')).rejects.toMatchObject({ code: 'EMPTY_APPEND' });
      });

      it('the same event id twice in one batch', async () => {
        const event = anEvent();
        await expect(store.append(uniqueStream(), [event, event], 'any')).rejects.toMatchObject({
          code: 'INVALID_EVENT',
          field: 'events[1].eventId',
        });
      });

      it.each([
        [{ fromRevision: -1 }, 'fromRevision'],
        [{ maxCount: -5 }, 'maxCount'],
        [{ direction: 'sideways' }, 'direction'],
      ])('read options %p', async (options, field) => {
        await expect(store.readStream(uniqueStream(), options as never)).rejects.toMatchObject({
          code: 'INVALID_READ_OPTIONS',
          field,
        });
      });

      it('a negative checkpoint for reading all', async () => {
        await expect(store.readAll({ after: -1 })).rejects.toMatchObject({ code: 'INVALID_READ_OPTIONS', field: 'after' });
      });
    });

    describe('schema', () => {
      it('runs its migrations again without effect', async () => {
        const stream = uniqueStream();
        await store.append(stream, events(1), 'no_stream');
        await store.init();
        await store.init();
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });
  });
}
