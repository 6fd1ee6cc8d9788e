import { createServer } from 'node:net';
import { describeEventStoreContract, events, uniqueStream } from '../testing';
import { EventStoreUnavailableError } from '../errors';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/**
 * Test support for the KurrentDB specs only. No KurrentDB server can run on the development and
 * CI machines (no Docker engine, no package), so the suites that need one run only when
 * CASETRAIL_ESDB_URL names a server: `npm run test:esdb`. Nothing here imitates a server.
 */
const esdbUrl = (): string | undefined => process.env.CASETRAIL_ESDB_URL || undefined;

const ESDB_SKIP_REASON =
  'CASETRAIL_ESDB_URL is not set: no KurrentDB server runs on this machine; run `npm run test:esdb` against one';

/** `describe` when a server is named; a skipped `describe` saying why otherwise (a failure under test:esdb). */
function describeWithKurrentDb(name: string, body: () => void): void {
  if (esdbUrl()) describe(name, body);
  else if (process.env.CASETRAIL_REQUIRE_ESDB === '1') {
    describe(name, () => {
      it('needs CASETRAIL_ESDB_URL (npm run test:esdb requires a KurrentDB server)', () => {
        throw new Error(ESDB_SKIP_REASON);
      });
    });
  } else describe.skip(`${name} [skipped: ${ESDB_SKIP_REASON}]`, body);
}

/** A TCP port on this machine that nothing listens on (taken, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function openStore(url = esdbUrl()!): Promise<KurrentDbEventStore> {
  const store = new KurrentDbEventStore({ connectionString: url });
  try {
    await store.init();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

describeWithKurrentDb('KurrentDB event store', () => {
  describeEventStoreContract('kurrentdb', { create: () => openStore() });

  describe('KurrentDB adapter', () => {
    let store: KurrentDbEventStore;
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(() => store.close());

    it('gives each event the same position in its stream as in $all', async () => {
      const head = await store.headPosition();
      const stream = uniqueStream();
      const { positions } = await store.append(stream, events(3), 'no_stream');
      const inAll = (await store.readAll({ after: head })).filter((e) => e.streamId === stream);
      expect(inAll.map((e) => e.position)).toEqual(positions);
      expect((await store.readStream(stream)).map((e) => e.position)).toEqual(positions);
    });

    it('applies retention through stream metadata, and the $metadata event it writes stays out of $all', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(5), 'no_stream');
      const head = await store.headPosition();
      await store.setRetention(stream, { truncateBefore: 3 });
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([3, 4]);
      expect(await store.streamRevision(stream)).toBe(4);
      expect(await store.readAll({ after: head })).toEqual([]);
      expect(await store.headPosition()).toBe(head);
    });
  });
});

describe('KurrentDB adapter with no server answering', () => {
  let store: KurrentDbEventStore;
  let server: string;
  beforeAll(async () => {
    server = `127.0.0.1:${await closedPort()}`;
    store = new KurrentDbEventStore({ connectionString: `kurrentdb://${server}?tls=false&maxDiscoverAttempts=1`, pingDeadlineMs: 2_000 });
  });
  afterAll(() => store.close());

  it.each([
    ['init', () => store.init()],
    ['ping', () => store.ping()],
    ['append', () => store.append(uniqueStream(), events(1), 'no_stream')],
    ['readStream', () => store.readStream(uniqueStream())],
    ['readAll', () => store.readAll({ after: 10 })],
    ['headPosition', () => store.headPosition()],
  ])('%s fails with EventStoreUnavailableError, naming the operation', async (_name, call) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(error).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE', message: expect.stringMatching(/^KurrentDB unavailable during \w+ \(/) });
    expect((error as Error).message).toContain(server);
  });

  it('refuses bad input with the typed error before trying the server', async () => {
    await expect(store.append('$system', events(1), 'any')).rejects.toMatchObject({ code: 'INVALID_STREAM_ID', field: 'streamId' });
    await expect(store.append(uniqueStream(), events(1), -1 as never)).rejects.toMatchObject({ code: 'INVALID_EXPECTED_REVISION' });
    await expect(store.readAll({ after: -1 })).rejects.toMatchObject({ code: 'INVALID_READ_OPTIONS', field: 'after' });
    const [event] = events(1);
    event!.metadata = { ...event!.metadata, $correlationId: 'mine' };
    await expect(store.append(uniqueStream(), [event!], 'any')).rejects.toMatchObject({
      code: 'INVALID_EVENT',
      field: 'events[0].metadata.$correlationId',
    });
  });

  it('keeps a subscription waiting (retrying) while the server is away, and stops cleanly', async () => {
    const errors: unknown[] = [];
    const subscription = store.subscribeToAll({ after: 0, onEvent: () => undefined, onError: (e) => errors.push(e) });
    expect(await subscription.waitFor(1, 500)).toBe(false);
    await subscription.stop();
    expect(errors).toEqual([]);
  });
});
