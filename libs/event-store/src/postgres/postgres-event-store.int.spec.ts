import { randomBytes } from 'node:crypto';
import { createTestSchema, describeWithPostgres, TestSchema } from '../../../../tests/support/services';
import { describeEventStoreContract, events, uniqueStream } from '../testing';
import { POSTGRES_MIGRATIONS } from './postgres-migrations';
import { MIGRATION_LOCK_SQL } from './postgres-schema-keys';
import { connectRaw, openPostgresStore, until, untilLockAwaited } from './postgres-spec-support';

describeWithPostgres('PostgreSQL event store', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema('es');
  });
  afterAll(async () => {
    await schema.drop();
  });

  describeEventStoreContract('postgres', { create: () => openPostgresStore(schema.url) });

  describe('PostgreSQL adapter', () => {
    it('migrates once when two stores start at the same time on an empty schema', async () => {
      const fresh = await createTestSchema('es_mig');
      try {
        const stores = await Promise.all([openPostgresStore(fresh.url), openPostgresStore(fresh.url)]);
        await stores[0]!.init();
        const raw = await connectRaw(fresh.url);
        const { rows } = await raw.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
        await raw.end();
        expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
        const stream = uniqueStream();
        await stores[0]!.append(stream, events(1), 'no_stream');
        expect(await stores[1]!.streamRevision(stream)).toBe(0);
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await fresh.drop();
      }
    });

    it("does not wait on another schema's migration lock, only on its own", async () => {
      const other = await createTestSchema('es_lock');
      const holder = await connectRaw(other.url);
      try {
        await holder.query('BEGIN');
        await holder.query(MIGRATION_LOCK_SQL);
        // Resolving at all is the check: with a shared key this would wait for the holder.
        const unaffected = await openPostgresStore(schema.url);
        await unaffected.close();

        const blocked = openPostgresStore(other.url);
        await untilLockAwaited(holder, 'migrate');
        await holder.query('COMMIT');
        await (await blocked).close();
      } finally {
        await holder.end();
        await other.drop();
      }
    });

    it('never reuses a global position, even after the newest events are deleted', async () => {
      const store = await openPostgresStore(schema.url);
      const first = await store.append(uniqueStream(), events(3), 'no_stream');
      const raw = await connectRaw(schema.url);
      await raw.query('DELETE FROM events WHERE position >= $1', [first.positions[1]]);
      await raw.end();
      const next = await store.append(uniqueStream(), events(1), 'no_stream');
      expect(next.positions[0]).toBeGreaterThan(first.lastPosition);
      await store.close();
    });

    it('stores data as JSON text, so a NUL character survives where jsonb would refuse it', async () => {
      const store = await openPostgresStore(schema.url);
      const stream = uniqueStream();
      await store.append(stream, [{ ...events(1)[0]!, data: { note: 'a\u0000b' } }], 'no_stream');
      const raw = await connectRaw(schema.url);
      const { rows } = await raw.query<{ data: string }>('SELECT data::text AS data FROM events WHERE stream_id = $1', [stream]);
      await raw.end();
      expect(rows[0]!.data).toBe('{"note":"a\\u0000b"}');
      expect((await store.readStream(stream))[0]!.data).toEqual({ note: 'a\u0000b' });
      await store.close();
    });

    it('wakes subscribers through LISTEN/NOTIFY, and listens again after losing its connection', async () => {
      const application = `ct-listener-${randomBytes(4).toString('hex')}`;
      const url = new URL(schema.url);
      url.searchParams.set('application_name', application);
      // A poll interval far beyond the waits below: only a NOTIFY can deliver in time.
      const reader = await openPostgresStore(url.toString(), { pollIntervalMs: 600_000 });
      const writer = await openPostgresStore(schema.url);
      const admin = await connectRaw(schema.url);
      let listenerPid: number | undefined;
      const untilListening = (other?: number) =>
        until('the subscriber connection to LISTEN', async () => {
          const { rows } = await admin.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity
              WHERE application_name = $1 AND state = 'idle' AND query LIKE 'LISTEN%' AND pid <> $2`,
            [application, other ?? 0],
          );
          listenerPid = rows[0]?.pid;
          return listenerPid !== undefined;
        });

      const stream = uniqueStream();
      const revisions: number[] = [];
      const subscription = reader.subscribeToAll({
        after: await reader.headPosition(),
        onEvent: (e) => {
          if (e.streamId === stream) revisions.push(e.revision);
        },
      });
      await untilListening();
      const first = await writer.append(stream, events(1), 'no_stream');
      expect(await subscription.waitFor(first.lastPosition, 10_000)).toBe(true);

      await admin.query('SELECT pg_terminate_backend($1)', [listenerPid]);
      await untilListening(listenerPid);
      const second = await writer.append(stream, events(1), 0);
      expect(await subscription.waitFor(second.lastPosition, 10_000)).toBe(true);
      expect(revisions).toEqual([0, 1]);

      await subscription.stop();
      await admin.end();
      await Promise.all([reader.close(), writer.close()]);
    });
  });
});
