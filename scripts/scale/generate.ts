/**
 * Writes a realistic history of one size through the event store, into a fresh SQLite file or a
 * fresh PostgreSQL schema (kept, for exploring or for the API to serve):
 *
 *   npm run bench:generate -- --size borough --store sqlite [--path bench/data/borough.db]
 *   npm run bench:generate -- --size county --store postgres [--schema scale_county] [--pg-url postgres://...]
 *
 * Sizes: borough 100k events, county 1M, national 10M. Generated data stays out of git
 * (bench/data/ is ignored; the default path is there). PostgreSQL: --pg-url, by default
 * postgres://postgres@127.0.0.1:5432/test.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { EventStore, PostgresEventStore, SqliteEventStore } from '@casetrail/event-store';
import { appendChunk, generateHistory, SizeName, SIZES } from './generate-history';

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string' }, store: { type: 'string', default: 'sqlite' }, path: { type: 'string' }, schema: { type: 'string' }, 'pg-url': { type: 'string', default: DEFAULT_PG } } });
  const size = values.size as SizeName;
  if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const clock = { now: new Date() };
  let store: EventStore;
  let where: string;
  if (values.store === 'sqlite') {
    where = values.path ?? join(__dirname, '..', '..', 'bench', 'data', `${size}.db`);
    if (existsSync(where)) throw new Error(`--path ${where} exists: the generator writes a fresh file`);
    store = new SqliteEventStore({ path: where, now: () => clock.now });
  } else if (values.store === 'postgres') {
    const schema = values.schema ?? `scale_${size}`;
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('--schema must be a lower-case SQL identifier');
    const base = values['pg-url'];
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`).finally(() => admin.end());
    const url = new URL(base);
    url.searchParams.set('options', `-c search_path=${schema}`);
    where = `schema ${schema}`;
    store = new PostgresEventStore({ connectionString: url.toString(), now: () => clock.now });
  } else {
    throw new Error('--store must be sqlite or postgres');
  }
  await store.init();
  const started = Date.now();
  try {
    const summary = await generateHistory({
      events: SIZES[size],
      write: async (chunk, index) => {
        await appendChunk(store, clock, chunk);
        if (index % 20 === 0) process.stdout.write(`[generate] chunk ${index}, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      },
    });
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`[generate] ${summary.events} events, ${summary.cases} cases into ${where} in ${seconds.toFixed(1)} s (${Math.round(summary.events / seconds)} events/s)\n`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
