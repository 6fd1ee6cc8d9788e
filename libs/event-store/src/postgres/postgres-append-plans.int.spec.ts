import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestSchema, describeWithPostgres, TestSchema } from '../../../../tests/support/services';
import { connectRaw, openPostgresStore } from './postgres-spec-support';

/**
 * A pooled connection lives long, and with group commit one connection makes most appends from
 * the first one on. A plan cached while `events` was nearly empty must not outlive the table's
 * growth where nothing runs ANALYZE (autovacuum off, as on the dev and CI server): a sequential
 * scan of every event per append made 100-event appends some 30 times slower in the benchmark.
 */
describeWithPostgres('PostgreSQL append_events plans', () => {
  let schema: TestSchema;
  let session: Client;
  beforeAll(async () => {
    schema = await createTestSchema('es_plans');
    await (await openPostgresStore(schema.url)).close();
    session = await connectRaw(schema.url);
  });
  afterAll(async () => {
    await session.end();
    await schema.drop();
  });

  const append = (events: number) => {
    const ids = Array.from({ length: events }, () => randomUUID());
    return session.query('SELECT * FROM append_events($1, $2, $3, $4, $5, $6, $7, $8, now())', [
      randomUUID(),
      'no_stream',
      null,
      ids,
      ids.map(() => 'IncidentLogged'),
      ids.map(() => 1),
      ids.map(() => '{}'),
      ids.map(() => '{}'),
    ]);
  };

  it('looks events up by index once the table has grown, in a session that appended while it was empty', async () => {
    for (let i = 0; i < 10; i++) await append(1);
    const raw = await connectRaw(schema.url);
    await raw.query(`INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at)
      SELECT gen_random_uuid()::text, 'grown-' || g, 0, 'IncidentLogged', 1, '{}', '{}', now() FROM generate_series(1, 50000) g`);
    await raw.end();

    await session.query('BEGIN');
    for (let i = 0; i < 5; i++) await append(100);
    const { rows } = await session.query<{ seq_scan: string }>(
      "SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = 'events'::regclass",
    );
    await session.query('ROLLBACK');
    expect(Number(rows[0]!.seq_scan)).toBe(0);
  });
});
