import { Client, DatabaseError } from 'pg';
import { createTestSchema, describeWithPostgres, TestSchema } from '../../../../tests/support/services';
import { NewEvent, RecordedEvent } from '../envelope';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { CurrentRevision, ExpectedRevision } from '../expected-revision';
import { AppendResult } from '../event-store.port';
import { anEvent, events, uniqueStream } from '../testing';
import { PostgresEventStore } from './postgres-event-store';
import { connectRaw, openPostgresStore, untilTransactionAwaited, openIntrusion as openIntrusionOn } from './postgres-spec-support';

/** Settles to the value or the error, so a test can look at each caller's outcome. */
const outcomeOf = <T>(promise: Promise<T>): Promise<T | unknown> =>
  promise.then(
    (value) => value,
    (error: unknown) => error,
  );

/**
 * Group commit (ADR 0003): appends made while one is with the server go together in one
 * transaction. Each test first starts one append (the "opener"), which goes alone at once; the
 * appends called right after it, in the same tick, queue behind it and form one group. A trigger
 * added for these tests records the top-level transaction of every inserted row, so a test can
 * tell which appends shared a commit.
 */
describeWithPostgres('PostgreSQL event store group commit', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let admin: Client;
  let intruder: Client;

  beforeAll(async () => {
    schema = await createTestSchema('es_group');
    store = await openPostgresStore(schema.url);
    admin = await connectRaw(schema.url);
    intruder = await connectRaw(schema.url);
    await admin.query(`
      CREATE TABLE event_transactions (position bigint PRIMARY KEY, xact xid8 NOT NULL);
      -- pg_current_xact_id() names the top-level transaction, also inside a subtransaction.
      CREATE FUNCTION record_event_transaction() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO event_transactions VALUES (NEW.position, pg_current_xact_id()); RETURN NULL; END $$;
      CREATE TRIGGER record_event_transaction AFTER INSERT ON events
        FOR EACH ROW EXECUTE FUNCTION record_event_transaction();`);
  });
  afterAll(async () => {
    await store.close();
    await Promise.all([admin.end(), intruder.end()]);
    await schema.drop();
  });

  /** How many transactions committed the events at these positions. */
  async function transactionsOf(...results: AppendResult[]): Promise<number> {
    const { rows } = await admin.query<{ n: number }>(
      'SELECT count(DISTINCT xact)::int AS n FROM event_transactions WHERE position = ANY($1)',
      [results.flatMap((r) => r.positions)],
    );
    return rows[0]!.n;
  }

  const opener = () => store.append(uniqueStream('opener'), events(1), 'no_stream');

  const openIntrusion = (streamId: string, event: NewEvent) => openIntrusionOn(intruder, streamId, event);

  it('commits the appends that arrive while one is with the server in one transaction, numbered in call order', async () => {
    const first = opener();
    const grouped = Array.from({ length: 7 }, () => store.append(uniqueStream(), events(2), 'no_stream'));
    const results = await Promise.all([first, ...grouped]);

    expect(await transactionsOf(...results)).toBe(2);
    expect(await transactionsOf(...results.slice(1))).toBe(1);
    const positions = results.flatMap((r) => r.positions);
    expect(positions).toEqual(positions.map((_, i) => positions[0]! + i));
    results.slice(1).forEach((r) => expect(r).toMatchObject({ nextExpectedRevision: 1, duplicate: false }));
    const read = await store.readAll({ after: positions[0]! - 1 });
    expect(read.map((e) => e.position)).toEqual(positions);
  });

  it('fails an append with a wrong expected revision alone; the rest of its group commits', async () => {
    const existing = uniqueStream();
    await store.append(existing, events(1), 'no_stream');
    const first = opener();
    const before = store.append(uniqueStream(), events(2), 'no_stream');
    const wrong = outcomeOf(store.append(existing, events(1), 5));
    const after = store.append(uniqueStream(), events(1), 'no_stream');
    await first;

    const failed = await wrong;
    expect(failed).toBeInstanceOf(WrongExpectedRevisionError);
    expect(failed).toMatchObject({ streamId: existing, expected: 5, actual: 0 });
    const [b, a] = await Promise.all([before, after]);
    expect(await transactionsOf(b, a)).toBe(1);
    // The failed append took no position: its neighbours are numbered one after the other.
    expect(a.positions).toEqual([b.lastPosition + 1]);
    expect((await store.readStream(existing)).map((e) => e.revision)).toEqual([0]);
  });

  it('lets two appends of one group to the same stream see each other, as they would one after the other', async () => {
    const stream = uniqueStream();
    const first = opener();
    const created = store.append(stream, events(1), 'no_stream');
    const extended = store.append(stream, events(1), 0);
    const raced = outcomeOf(store.append(stream, events(1), 0));
    await first;
    const [c, x] = await Promise.all([created, extended]);
    expect(await transactionsOf(c, x)).toBe(1);
    expect(x).toMatchObject({ nextExpectedRevision: 1, positions: [c.lastPosition + 1] });
    expect(await raced).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', actual: 1 });
  });

  /** Retries `batch` on `stream` between two other appends, all in one group: the original answer, nothing written twice. */
  async function retriedInsideAGroup(stream: string, batch: NewEvent[], expected: ExpectedRevision, original: AppendResult) {
    const first = opener();
    const before = store.append(uniqueStream(), events(1), 'no_stream');
    const retried = store.append(stream, batch, expected);
    const after = store.append(uniqueStream(), events(1), 'no_stream');
    await first;

    expect(await retried).toEqual({ ...original, duplicate: true });
    const [b, a] = await Promise.all([before, after]);
    expect(await transactionsOf(b, a)).toBe(1);
    expect(await store.readStream(stream)).toHaveLength(3);
  }

  it('returns the original positions to a retried batch inside a group, and writes nothing twice', async () => {
    const stream = uniqueStream();
    const batch = events(3);
    await retriedInsideAGroup(stream, batch, 'no_stream', await store.append(stream, batch, 'no_stream'));
  });

  it("answers a retry expecting 'any' (its ids meet UNIQUE, not the revision check) alone and in a group", async () => {
    const stream = uniqueStream();
    const batch = events(3);
    const original = await store.append(stream, batch, 'any');
    expect(await store.append(stream, batch, 'any')).toEqual({ ...original, duplicate: true });
    await retriedInsideAGroup(stream, batch, 'any', original);
  });

  it("rolls back only the append that meets a lock-skipping writer's row; the rest of its group commits", async () => {
    const contested = uniqueStream();
    const xid = await openIntrusion(contested, anEvent());
    const first = opener();
    const before = store.append(uniqueStream(), events(1), 'no_stream');
    const lost = outcomeOf(store.append(contested, events(1), 'no_stream'));
    const after = store.append(uniqueStream(), events(1), 'no_stream');
    await first;
    await untilTransactionAwaited(admin, xid);
    await intruder.query('COMMIT');

    const failed = await lost;
    expect(failed).toBeInstanceOf(WrongExpectedRevisionError);
    expect(failed).toMatchObject({ expected: 'no_stream', actual: 0 });
    const [b, a] = await Promise.all([before, after]);
    expect(await transactionsOf(b, a)).toBe(1);
    expect((await store.readStream(contested)).map((e) => e.revision)).toEqual([0]);
  });

  it('rejects every append of a group whose call fails, as unavailable, and commits none of it', async () => {
    const contested = uniqueStream();
    const xid = await openIntrusion(contested, anEvent());
    const first = opener();
    const streams = [uniqueStream(), contested, uniqueStream()];
    const group = streams.map((stream) => outcomeOf(store.append(stream, events(1), 'any')));
    await first;
    await untilTransactionAwaited(admin, xid);
    // The group's session waits on the intruder's row; ending that session fails the whole call.
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted AND transactionid = $1::xid8::xid`,
      [xid],
    );
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);

    const outcomes = await Promise.all(group);
    await intruder.query('ROLLBACK');
    outcomes.forEach((outcome) => {
      expect(outcome).toBeInstanceOf(EventStoreUnavailableError);
      expect(outcome).toMatchObject({ cause: { code: '57P01' } });
    });
    for (const stream of streams) expect(await store.streamRevision(stream)).toBe('no_stream');
    // The queue moves on: the next append is sent and commits.
    await expect(store.append(contested, events(1), 'no_stream')).resolves.toMatchObject({ nextExpectedRevision: 0 });
  });

  it("sends a group the server refuses for one append's value one by one, so only that append fails", async () => {
    const tooBig = { ...anEvent(), schemaVersion: 2 ** 31 };
    const alone = await outcomeOf(store.append(uniqueStream(), [tooBig], 'no_stream'));
    expect(alone).toBeInstanceOf(DatabaseError);
    expect(alone).toMatchObject({ code: '22003' });

    const first = opener();
    const before = store.append(uniqueStream(), events(1), 'no_stream');
    const refused = outcomeOf(store.append(uniqueStream(), [{ ...tooBig, eventId: anEvent().eventId }], 'no_stream'));
    const after = store.append(uniqueStream(), events(1), 'no_stream');
    await first;

    expect(await refused).toMatchObject({ code: '22003' });
    const [b, a] = await Promise.all([before, after]);
    expect(a.lastPosition).toBeGreaterThan(b.lastPosition);
    expect(await store.readAll({ after: b.lastPosition - 1 })).toHaveLength(2);
  });

  it('on close, commits the appends already queued and refuses later ones as unavailable', async () => {
    const closing = await openPostgresStore(schema.url);
    const first = closing.append(uniqueStream(), events(1), 'no_stream');
    const queued = Array.from({ length: 3 }, () => closing.append(uniqueStream(), events(1), 'no_stream'));
    const closed = closing.close();
    await expect(closing.append(uniqueStream(), events(1), 'no_stream')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await closed;
    const results = await Promise.all([first, ...queued]);
    expect(await transactionsOf(...results.slice(1))).toBe(1);
    for (const result of results) expect(await store.streamRevision(result.streamId)).toBe(0);
  });

  it('keeps streams whole and positions in commit order with 8 writers sharing one store', async () => {
    const streams = Array.from({ length: 5 }, () => uniqueStream('shared'));
    const head = await store.headPosition();
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ after: head, onEvent: (e) => void seen.push(e) });
    const writer = async (w: number): Promise<AppendResult[]> => {
      const known = new Map<string, CurrentRevision>();
      const results: AppendResult[] = [];
      for (let i = 0; i < 30; i++) {
        const stream = streams[(w + i) % streams.length]!;
        const batch = events(1 + (i % 3));
        for (;;) {
          try {
            const result = await store.append(stream, batch, known.get(stream) ?? 'no_stream');
            known.set(stream, result.nextExpectedRevision);
            results.push(result);
            break;
          } catch (error) {
            if (!(error instanceof WrongExpectedRevisionError)) throw error;
            known.set(stream, error.actual);
          }
        }
      }
      return results;
    };
    const results = (await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)))).flat();
    const last = Math.max(...results.map((r) => r.lastPosition));
    expect(await subscription.waitFor(last, 30_000)).toBe(true);
    await subscription.stop();

    const written = results.flatMap((r) => r.positions);
    expect(seen.map((e) => e.position)).toEqual([...written].sort((a, b) => a - b));
    for (const stream of streams) {
      const revisions = seen.filter((e) => e.streamId === stream).map((e) => e.revision);
      expect(revisions).toEqual(revisions.map((_, i) => i));
    }
    expect(await transactionsOf(...results)).toBeLessThan(results.length);
  }, 60_000);
});
