import { ANY, NO_STREAM, START, STREAM_EXISTS, UnavailableError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import type { AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { anEvent } from '../testing';
import { serialiseBatch } from '../validation';
import { toEventData, toRecordedEvent } from './kurrentdb-envelope';
import { isUnavailable, translateError } from './kurrentdb-errors';
import { isAfter, readPositionAfter, toCurrentRevision, toGlobalPosition, toStreamState, UnsupportedPositionError } from './kurrentdb-positions';
import { retentionMetadata } from './kurrentdb-retention';
import { KurrentDbEventStore, serversOf } from './kurrentdb-event-store';
import { createEventStore } from '../create-event-store';
import { loadConfig } from '@casetrail/shared';

describe('KurrentDB mapping: expected revisions', () => {
  it.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    [0, 0n],
    [41, 41n],
  ] as const)('%p -> %p', (expected, state) => {
    expect(toStreamState(expected)).toBe(state);
  });

  it.each([
    [NO_STREAM, 'no_stream'],
    [undefined, 'no_stream'],
    [-1n, 'no_stream'],
    [0n, 0],
    [7n, 7],
  ] as const)("the server's actual state %p is the port's %p", (state, revision) => {
    expect(toCurrentRevision(state)).toBe(revision);
  });
});

describe('KurrentDB mapping: positions', () => {
  it('uses the log position as the global position when commit and prepare agree', () => {
    expect(toGlobalPosition({ commit: 1_234_567n, prepare: 1_234_567n })).toBe(1_234_567);
    expect(toGlobalPosition({ commit: BigInt(Number.MAX_SAFE_INTEGER), prepare: BigInt(Number.MAX_SAFE_INTEGER) })).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it.each([
    ['an explicit transaction (commit after prepare)', { commit: 900n, prepare: 700n }],
    ['a missing position (a server older than 22.6 reading a stream)', undefined],
    ['position 0', { commit: 0n, prepare: 0n }],
    ['a position beyond 2^53', { commit: 2n ** 53n, prepare: 2n ** 53n }],
  ])('refuses %s rather than guess', (_label, position) => {
    expect(() => toGlobalPosition(position)).toThrow(UnsupportedPositionError);
  });

  it('reads "strictly after" a checkpoint by starting at it and dropping the event there', () => {
    expect(readPositionAfter(0)).toBe(START);
    expect(readPositionAfter(5_000)).toEqual({ commit: 5_000n, prepare: 5_000n });
    expect(isAfter(5_000, 5_000)).toBe(false);
    expect(isAfter(5_001, 5_000)).toBe(true);
  });

  it('keeps a checkpoint through a PostgreSQL bigint and back (positions are whole numbers below 2^53)', () => {
    const position = toGlobalPosition({ commit: 2n ** 40n + 17n, prepare: 2n ** 40n + 17n });
    expect(Number(String(position))).toBe(position);
    expect(readPositionAfter(Number(String(position)))).toEqual({ commit: 2n ** 40n + 17n, prepare: 2n ** 40n + 17n });
  });
});

describe('KurrentDB mapping: errors', () => {
  const append = { streamId: 'asb-1', expected: 1 as const };

  it('turns a wrong expected version into WrongExpectedRevisionError with the actual revision', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'asb-1', expected: 1n, current: 3n });
    const translated = translateError(error, 'append', append);
    expect(translated).toBeInstanceOf(WrongExpectedRevisionError);
    expect(translated).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', streamId: 'asb-1', expected: 1, actual: 3 });
  });

  it('reports a stream that does not exist as actual no_stream', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'asb-1', expected: 0n, current: NO_STREAM });
    expect(translateError(error, 'append', { streamId: 'asb-1', expected: 0 })).toMatchObject({ actual: 'no_stream' });
  });

  it.each([
    ['the client’s UnavailableError', new UnavailableError()],
    ['a raw gRPC UNAVAILABLE (14)', Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 })],
    ['a raw gRPC DEADLINE_EXCEEDED (4)', Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4 })],
    ['a not-leader answer', Object.assign(new Error('not leader'), { type: 'not-leader' })],
  ])('turns %s into EventStoreUnavailableError naming the operation', (_label, error) => {
    expect(isUnavailable(error)).toBe(true);
    const translated = translateError(error, 'readAll');
    expect(translated).toBeInstanceOf(EventStoreUnavailableError);
    expect((translated as Error).message).toMatch(/^KurrentDB unavailable during readAll: /);
    expect((translated as Error).message).not.toContain('\n');
  });

  it('passes anything else through unchanged (a bug is not an outage)', () => {
    const bug = new TypeError('x is undefined');
    expect(isUnavailable(bug)).toBe(false);
    expect(translateError(bug, 'append', append)).toBe(bug);
  });
});

describe('KurrentDB mapping: event <-> envelope', () => {
  const recordedAt = '2026-03-01T10:00:01.000Z';

  function stored(position: bigint, revision: bigint): AllStreamResolvedEvent {
    const event = anEvent('VictimRecorded', { name: 'Zoë', list: [1, null] }, { schemaVersion: 3 });
    event.metadata = { ...event.metadata, policy: { fpnAmount: 100 } };
    const [serialised] = serialiseBatch([event], recordedAt);
    const data = toEventData(serialised!, 0) as { id: string; type: string; data: unknown; metadata: Record<string, unknown> };
    return {
      event: {
        streamId: 'asb-1',
        id: data.id,
        isJson: true,
        revision,
        type: data.type,
        created: new Date(),
        data: data.data as never,
        metadata: JSON.parse(JSON.stringify(data.metadata)),
        position: { commit: position, prepare: position },
      },
    } as AllStreamResolvedEvent;
  }

  it('writes JSON with KurrentDB’s correlation keys and the schema version in the metadata', () => {
    const event = anEvent();
    const [serialised] = serialiseBatch([event], recordedAt);
    const data = toEventData(serialised!, 0);
    expect(data).toMatchObject({ id: event.eventId, contentType: 'application/json', type: event.type, data: event.data });
    expect(data.metadata).toEqual({
      ...event.metadata,
      recordedAt,
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
      $schemaVersion: 1,
    });
  });

  it('reads back exactly the envelope written, without the store’s own keys', () => {
    const resolved = stored(4242n, 2n);
    const recorded = toRecordedEvent(resolved);
    expect(recorded).toEqual({
      eventId: resolved.event!.id,
      streamId: 'asb-1',
      type: 'VictimRecorded',
      schemaVersion: 3,
      data: { name: 'Zoë', list: [1, null] },
      metadata: expect.not.objectContaining({ $schemaVersion: expect.anything() }),
      revision: 2,
      position: 4242,
    });
    expect(Object.keys(recorded.metadata).filter((key) => key.startsWith('$'))).toEqual([]);
    expect(recorded.metadata).toMatchObject({ recordedAt, policy: { fpnAmount: 100 }, commandId: 'cmd-1' });
  });

  it('refuses metadata keys starting with $ (reserved), naming the field', () => {
    const event = anEvent();
    event.metadata = { ...event.metadata, $causationId: 'mine' };
    const [serialised] = serialiseBatch([event], recordedAt);
    expect(() => toEventData(serialised!, 4)).toThrow(expect.objectContaining({ code: 'INVALID_EVENT', field: 'events[4].metadata.$causationId' }));
  });

  it('refuses an event Casetrail did not write, and a bare link', () => {
    const foreign = stored(10n, 0n);
    delete (foreign.event!.metadata as Record<string, unknown>).$schemaVersion;
    expect(() => toRecordedEvent(foreign)).toThrow(/not written by Casetrail/);
    expect(() => toRecordedEvent({})).toThrow(/link/);
  });
});

describe('KurrentDB mapping: retention', () => {
  it('turns a policy rule into stream metadata', () => {
    expect(retentionMetadata({ maxAgeDays: 30 })).toEqual({ maxAge: 30 * 86_400 });
    expect(retentionMetadata({ truncateBefore: 12 })).toEqual({ truncateBefore: 12 });
  });

  it.each([[{}], [{ maxAgeDays: 0 }], [{ maxAgeDays: 1.5 }], [{ truncateBefore: -1 }]])('refuses %p', (rule) => {
    expect(() => retentionMetadata(rule)).toThrow(RangeError);
  });
});

describe('KurrentDB wiring', () => {
  it('CASETRAIL_STORE=eventstoredb builds the KurrentDB adapter from CASETRAIL_ESDB_URL (connecting only when used)', async () => {
    const config = loadConfig({
      CASETRAIL_STORE: 'eventstoredb',
      CASETRAIL_ESDB_URL: 'kurrentdb://127.0.0.1:2113?tls=false',
      CASETRAIL_PG_URL: 'postgres://u@localhost:5432/db',
    });
    const store = createEventStore(config);
    expect(store).toBeInstanceOf(KurrentDbEventStore);
    expect(store.adapter).toBe('eventstoredb');
    await store.close();
  });

  it('names the servers in its errors, never the credentials', () => {
    expect(serversOf('kurrentdb+discover://admin:s3cret@node1:2113,node2:2113,node3:2113?tls=true')).toBe('node1:2113,node2:2113,node3:2113');
    expect(serversOf('kurrentdb://127.0.0.1:2113?tls=false')).toBe('127.0.0.1:2113');
    expect(serversOf('not a url')).not.toContain('not a url');
  });
});
