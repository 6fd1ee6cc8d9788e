import { createServer, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';
import { EventStoreUnavailableError, InvalidEventStoreInputError } from '../errors';
import { events, uniqueStream } from '../testing';
import { PostgresEventStore } from './postgres-event-store';

// No PostgreSQL needed: these tests are about not reaching one.
describe('PostgreSQL event store without a reachable server', () => {
  it('reports a refused connection as unavailable from every call', async () => {
    const store = new PostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:1/test' });
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.init()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.append(uniqueStream(), events(1), 'any')).rejects.toMatchObject({
      code: 'EVENT_STORE_UNAVAILABLE',
    });
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await store.close();
  });

  it('refuses bad input before it tries to connect', async () => {
    const store = new PostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:1/test' });
    await expect(store.append('', events(1), 'any')).rejects.toBeInstanceOf(InvalidEventStoreInputError);
    await expect(store.readAll({ after: -1 })).rejects.toBeInstanceOf(InvalidEventStoreInputError);
    await store.close();
  });

  describe('a server that accepts connections and never answers', () => {
    let server: Server;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      server = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    });

    it('gives up after the connection timeout instead of hanging', async () => {
      const { port } = server.address() as AddressInfo;
      const store = new PostgresEventStore({
        connectionString: `postgres://postgres@127.0.0.1:${port}/test`,
        connectionTimeoutMs: 200,
      });
      await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await store.close();
    });
  });
});
