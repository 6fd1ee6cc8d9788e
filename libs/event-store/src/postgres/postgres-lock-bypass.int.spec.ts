import { Client } from 'pg';
import { createTestSchema, describeWithPostgres, TestSchema } from '../../../../tests/support/services';
import { NewEvent } from '../envelope';
import { EventIdConflictError, WrongExpectedRevisionError } from '../errors';
import { anEvent, uniqueStream } from '../testing';
import { PostgresEventStore } from './postgres-event-store';
import { connectRaw, openPostgresStore, untilTransactionAwaited, openIntrusion as openIntrusionOn } from './postgres-spec-support';

/**
 * A writer that skips the append lock (a manual repair, another tool) can only meet the store on
 * the unique indexes. These tests hold such a write open until the store's insert waits on it,
 * then commit it, so the store meets a unique violation and must say what it means.
 */
describeWithPostgres('PostgreSQL event store against a writer that skips the append lock', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let intruder: Client;
  beforeAll(async () => {
    schema = await createTestSchema('es_bypass');
    store = await openPostgresStore(schema.url);
    intruder = await connectRaw(schema.url);
  });
  afterAll(async () => {
    await intruder.end();
    await store.close();
    await schema.drop();
  });

  const openIntrusion = (streamId: string, event: NewEvent) => openIntrusionOn(intruder, streamId, event);

  /** Starts the store's append, waits until its insert queues behind the intrusion, commits that. */
  async function appendRacingIntrusion(append: () => Promise<unknown>, xid: string): Promise<unknown> {
    const outcome = append().then(
      (value) => value,
      (error: unknown) => error,
    );
    await untilTransactionAwaited(intruder, xid);
    await intruder.query('COMMIT');
    return outcome;
  }

  it('reports a lost race for the next revision as a wrong expected revision with the actual one', async () => {
    const stream = uniqueStream();
    const xid = await openIntrusion(stream, anEvent());
    const outcome = await appendRacingIntrusion(() => store.append(stream, [anEvent()], 'no_stream'), xid);
    expect(outcome).toBeInstanceOf(WrongExpectedRevisionError);
    expect(outcome).toMatchObject({ expected: 'no_stream', actual: 0 });
  });

  it("tries again when 'any' still allows the append after losing the race", async () => {
    const stream = uniqueStream();
    const xid = await openIntrusion(stream, anEvent());
    const outcome = await appendRacingIntrusion(() => store.append(stream, [anEvent()], 'any'), xid);
    expect(outcome).toMatchObject({ duplicate: false, nextExpectedRevision: 1 });
    expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1]);
  });

  it('returns the stored positions when the same batch committed first', async () => {
    const stream = uniqueStream();
    const event = anEvent();
    const xid = await openIntrusion(stream, event);
    const outcome = await appendRacingIntrusion(() => store.append(stream, [event], 'no_stream'), xid);
    const [stored] = await store.readStream(stream);
    expect(outcome).toEqual({
      streamId: stream,
      nextExpectedRevision: 0,
      positions: [stored!.position],
      lastPosition: stored!.position,
      duplicate: true,
    });
  });

  it('refuses an event id that committed first in another stream', async () => {
    const event = anEvent();
    const stream = uniqueStream();
    const xid = await openIntrusion(uniqueStream(), event);
    const outcome = await appendRacingIntrusion(() => store.append(stream, [event], 'no_stream'), xid);
    expect(outcome).toBeInstanceOf(EventIdConflictError);
    expect(await store.streamRevision(stream)).toBe('no_stream');
  });
});
