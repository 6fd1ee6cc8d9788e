import { Client } from 'pg';
import { createTestSchema, describeWithPostgres, TestSchema } from '../../../../tests/support/services';
import { NewEvent, RecordedEvent } from '../envelope';
import { WrongExpectedRevisionError } from '../errors';
import { CurrentRevision } from '../expected-revision';
import { AppendResult, Subscription } from '../event-store.port';
import { anEvent, events, uniqueStream } from '../testing';
import { PostgresEventStore } from './postgres-event-store';
import { connectRaw, heldAppend, openPostgresStore, untilLockAwaited } from './postgres-spec-support';

const WRITERS = 8;
const EVENTS_PER_WRITER = 500;
const STREAMS = 50;

/** Small seeded generator, so a failing run can be replayed with the same workload. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface WriterLog {
  batches: string[][];
  conflicts: number;
  lastPosition: number;
}

/**
 * One writer with its own pool: appends EVENTS_PER_WRITER events in batches of 1 to 5 with exact
 * expected revisions, learning the actual revision from each conflict and trying again. Its first
 * append always claims stream 0 as new, so at most one writer wins it and every other one starts
 * with a conflict.
 */
async function runWriter(store: PostgresEventStore, writer: number, streams: string[]): Promise<WriterLog> {
  const random = seededRandom(writer + 1);
  const known = new Map<string, CurrentRevision>();
  const log: WriterLog = { batches: [], conflicts: 0, lastPosition: 0 };
  let remaining = EVENTS_PER_WRITER;
  while (remaining > 0) {
    const stream = log.batches.length === 0 ? streams[0]! : streams[Math.floor(random() * STREAMS)]!;
    const size = Math.min(remaining, random() < 0.5 ? 1 : 2 + Math.floor(random() * 4));
    const batch: NewEvent[] = Array.from({ length: size }, (_, i) => anEvent('IncidentLogged', { writer, i }));
    let result: AppendResult | undefined;
    while (!result) {
      const expected = known.get(stream) ?? 'no_stream';
      try {
        result = await store.append(stream, batch, expected);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        log.conflicts += 1;
        known.set(stream, error.actual);
      }
    }
    known.set(stream, result.nextExpectedRevision);
    log.batches.push(batch.map((e) => e.eventId));
    log.lastPosition = Math.max(log.lastPosition, result.lastPosition);
    remaining -= size;
  }
  return log;
}

describeWithPostgres('PostgreSQL event store under concurrent writers', () => {
  let schema: TestSchema;
  let admin: Client;
  const opened: PostgresEventStore[] = [];
  const open = async (options?: Parameters<typeof openPostgresStore>[1]) => {
    const store = await openPostgresStore(schema.url, options);
    opened.push(store);
    return store;
  };
  const subscribeAll = (store: PostgresEventStore, after: number, into: RecordedEvent[]): Subscription =>
    store.subscribeToAll({ after, onEvent: (e) => void into.push(e) });

  beforeAll(async () => {
    schema = await createTestSchema('es_conc');
    admin = await connectRaw(schema.url);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await admin.end();
    await schema.drop();
  });

  it('delivers every event of 8 competing writers exactly once, in stream and position order', async () => {
    const reader = await open();
    const seen: RecordedEvent[] = [];
    const subscription = subscribeAll(reader, await reader.headPosition(), seen);
    const streams = Array.from({ length: STREAMS }, () => uniqueStream('conc'));
    const writers = await Promise.all(Array.from({ length: WRITERS }, () => open({ poolSize: 1 })));

    const logs = await Promise.all(writers.map((store, w) => runWriter(store, w, streams)));
    const last = Math.max(...logs.map((l) => l.lastPosition));
    expect(await subscription.waitFor(last, 30_000)).toBe(true);
    await subscription.stop();

    const written = logs.flatMap((l) => l.batches.flat());
    expect(written).toHaveLength(WRITERS * EVENTS_PER_WRITER);
    expect(seen).toHaveLength(written.length);
    expect(new Set(seen.map((e) => e.eventId))).toEqual(new Set(written));
    expect(seen.filter((e, i) => i > 0 && e.position <= seen[i - 1]!.position)).toEqual([]);
    const revisionsByStream = new Map<string, number[]>();
    seen.forEach((e) => revisionsByStream.set(e.streamId, [...(revisionsByStream.get(e.streamId) ?? []), e.revision]));
    revisionsByStream.forEach((revisions) => expect(revisions).toEqual(revisions.map((_, i) => i)));
    // A batch is delivered as one run: nothing from another append lands inside it.
    const deliveredAt = new Map(seen.map((e, i) => [e.eventId, i]));
    const split = logs
      .flatMap((l) => l.batches)
      .filter((batch) => batch.some((id, i) => deliveredAt.get(id) !== deliveredAt.get(batch[0]!)! + i));
    expect(split).toEqual([]);
    expect(logs.reduce((sum, l) => sum + l.conflicts, 0)).toBeGreaterThanOrEqual(WRITERS - 1);
  }, 60_000);

  it('lets no append commit past an open one, so readers never skip the earlier position', async () => {
    const held = heldAppend();
    const first = await open({ beforeCommit: held.beforeCommit });
    const second = await open();
    const reader = await open();
    const head = await reader.headPosition();
    const seen: RecordedEvent[] = [];
    const subscription = subscribeAll(reader, head, seen);

    const earlier = first.append(uniqueStream(), events(2), 'no_stream');
    const uncommitted = await held.reached;
    const later = second.append(uniqueStream(), events(1), 'no_stream');
    await untilLockAwaited(admin, 'append');
    // The open append holds its positions; the later one queues for the append lock behind it.
    expect(await reader.readAll({ after: head })).toEqual([]);
    expect(await reader.headPosition()).toBe(head);

    held.commit();
    const [a, b] = await Promise.all([earlier, later]);
    expect(a.positions).toEqual(uncommitted.positions);
    expect(b.positions[0]).toBeGreaterThan(a.lastPosition);
    const expectedOrder = [...a.positions, ...b.positions];
    expect((await reader.readAll({ after: head })).map((e) => e.position)).toEqual(expectedOrder);
    expect(await reader.headPosition()).toBe(b.lastPosition);
    expect(await subscription.waitFor(b.lastPosition, 10_000)).toBe(true);
    await subscription.stop();
    expect(seen.map((e) => e.position)).toEqual(expectedOrder);
  });

  it('leaves a rolled-back append as a hole that readers pass straight over', async () => {
    const held = heldAppend();
    const failing = await open({ beforeCommit: held.beforeCommit });
    const writer = await open();
    const reader = await open();
    const head = await reader.headPosition();
    const seen: RecordedEvent[] = [];
    const subscription = subscribeAll(reader, head, seen);

    const doomed = failing.append(uniqueStream(), events(2), 'no_stream').catch((error: unknown) => error);
    const hole = await held.reached;
    const crash = new Error('writer crashed before COMMIT');
    held.rollBack(crash);
    expect(await doomed).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE', cause: crash });

    const after = await writer.append(uniqueStream(), events(1), 'no_stream');
    expect(after.lastPosition).toBeGreaterThan(hole.positions[1]!);
    expect(await subscription.waitFor(after.lastPosition, 10_000)).toBe(true);
    await subscription.stop();
    expect(seen.map((e) => e.position)).toEqual(after.positions);
    expect(await reader.headPosition()).toBe(after.lastPosition);
  });
});
