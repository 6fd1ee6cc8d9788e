import { Client } from 'pg';
import { createTestSchema, describeWithPostgres, TestSchema } from '../../../../tests/support/services';
import { connectRaw, openPostgresStore } from './postgres-spec-support';
import { prepareEventStoreSession } from './postgres-session';

/**
 * A stream read must stay an index lookup where the planner misjudges the table (no statistics
 * after a bulk load, or autovacuum off as on the dev and CI server: on 10M events it planned one
 * stream's read as a parallel scan with JIT). Here the planner is pushed the same way by cost
 * settings on a small table: without the session settings it goes parallel; with them it cannot.
 */
describeWithPostgres('PostgreSQL event store sessions', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema('es_session');
    const store = await openPostgresStore(schema.url);
    await store.close();
    const raw = await connectRaw(schema.url);
    await raw.query(`INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at)
      SELECT gen_random_uuid()::text, 'asb-' || (g % 3000), g / 3000, 'IncidentLogged', 1, '{}', '{}', now()
      FROM generate_series(0, 29999) g`);
    await raw.end();
  });
  afterAll(() => schema.drop());

  /** A planner that favours parallel plans and JIT whatever they cost, as one misjudging a big table does. */
  const misjudging = (session: Client) =>
    session.query(`SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
      SET min_parallel_index_scan_size = 0; SET enable_indexscan = off; SET enable_bitmapscan = off; SET jit_above_cost = 0`);

  const planOfStreamRead = async (session: Client) => {
    const { rows } = await session.query<{ 'QUERY PLAN': string }>(
      "EXPLAIN SELECT * FROM events WHERE stream_id = 'asb-17' AND revision >= 0 ORDER BY revision ASC",
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  };

  it('never plans a stream read in parallel or with JIT, however the planner costs it', async () => {
    const plain = await connectRaw(schema.url);
    const prepared = await connectRaw(schema.url);
    try {
      await misjudging(plain);
      await misjudging(prepared);
      await prepareEventStoreSession(prepared);
      // The situation the settings guard against, shown on a session without them.
      expect(await planOfStreamRead(plain)).toMatch(/Parallel[\s\S]*JIT:/);
      expect(await planOfStreamRead(prepared)).not.toMatch(/Gather|Parallel|JIT:/);
      expect((await prepared.query<{ jit: string }>('SHOW jit')).rows[0]!.jit).toBe('off');
    } finally {
      await plain.end();
      await prepared.end();
    }
  });

  it('prepares every pooled connection of the store before its first statement', async () => {
    const store = await openPostgresStore(schema.url);
    try {
      // Each read borrows a pooled connection; several at once make the pool open several.
      const reads = await Promise.all(Array.from({ length: 4 }, (_, i) => store.readStream(`asb-${i}`)));
      expect(reads.map((r) => r.length)).toEqual([10, 10, 10, 10]);
      const { rows } = await (store as unknown as { pool: { query(text: string): Promise<{ rows: { jit: string }[] }> } }).pool.query('SHOW jit');
      expect(rows[0]!.jit).toBe('off');
    } finally {
      await store.close();
    }
  });
});
