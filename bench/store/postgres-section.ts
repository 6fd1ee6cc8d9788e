import { PostgresEventStore } from '@casetrail/event-store';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { appendCaseId, CaseFilter, readAllCaseId } from './cases';
import type { MachineInfo } from './machine';
import { adapterReadAllPass, GOALS, inProcess, measureAppends, measureReadAll, PAGE_SIZE, WRITERS } from './measure';
import { createRawPostgresTable, rawPostgresAppender, rawPostgresReadAll } from './postgres-raw';
import type { ResultRow } from './report';
import { expectedRevisionOf, PlannedAppend } from './workload';

const SETTINGS = ['fsync', 'synchronous_commit', 'wal_sync_method', 'commit_delay', 'shared_buffers', 'max_wal_size'];

export function postgresBaseUrl(): string {
  return process.env.CASETRAIL_BENCH_PG_URL ?? process.env.CASETRAIL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

/** The same URL with `options=-c search_path=<schema>`, so every connection works in that schema. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * PostgreSQL half: a fresh schema bench_<random> per run, dropped at the end. The adapter's pool
 * is sized to WRITERS, and the raw baseline has one dedicated connection per writer.
 */
export async function postgresSection(
  machine: MachineInfo,
  log: (message: string) => void,
  filter: CaseFilter,
): Promise<{ rows: ResultRow[]; details: Record<string, unknown>; notes: string[] }> {
  const baseUrl = postgresBaseUrl();
  const admin = new Client({ connectionString: baseUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    const reason = `PostgreSQL unreachable at ${redact(baseUrl)}: ${(error as Error).message}`;
    log(`${reason}; PostgreSQL skipped`);
    await admin.end().catch(() => undefined);
    return { rows: [], details: { skipped: reason }, notes: [`PostgreSQL: skipped (${reason})`] };
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const url = withSearchPath(baseUrl, schema);
  const rows: ResultRow[] = [];
  let store: PostgresEventStore | undefined;
  const rawClients: Client[] = [];
  try {
    machine.postgres = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    const settings = Object.fromEntries(
      (await admin.query<{ name: string; setting: string; unit: string | null }>(
        'SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)',
        [SETTINGS],
      )).rows.map((r) => [r.name, r.unit ? `${r.setting} (${r.unit})` : r.setting]),
    );
    await admin.query(`CREATE SCHEMA ${schema}`);
    log(`PostgreSQL ${machine.postgres} at ${redact(baseUrl)}, schema ${schema}; ${JSON.stringify(settings)}`);
    store = new PostgresEventStore({ connectionString: url, poolSize: WRITERS });
    await store.init();
    for (let i = 0; i < WRITERS; i++) {
      const client = new Client({ connectionString: url });
      rawClients.push(client);
      await client.connect();
    }
    await createRawPostgresTable(rawClients[0]!);
    const adapterStore = store;
    const rawAppend = rawPostgresAppender(rawClients);
    const append = {
      raw: rawAppend,
      adapter: (_writer: number, planned: PlannedAppend) =>
        adapterStore.append(planned.streamId, planned.events, expectedRevisionOf(planned)),
    };
    for (const eventsPerAppend of [1, 100]) {
      const spec = { adapter: 'postgres' as const, eventsPerAppend };
      const oneWriter = { ...spec, writers: 1, concurrency: 'connection' };
      if (filter.selects(appendCaseId(oneWriter))) rows.push(await measureAppends(oneWriter, inProcess(1, eventsPerAppend, append)));
      const writers = { ...spec, writers: WRITERS, concurrency: 'connections', goal: GOALS.postgresAppend8 };
      if (filter.selects(appendCaseId(writers))) rows.push(await measureAppends(writers, inProcess(WRITERS, eventsPerAppend, append)));
    }
    if (filter.selects(readAllCaseId('postgres'))) {
      rows.push(
        await measureReadAll(
          'postgres',
          () => adapterReadAllPass(adapterStore),
          () => rawPostgresReadAll(rawClients[0]!, PAGE_SIZE),
        ),
      );
    }
    return { rows, details: { server: redact(baseUrl), schema, settings, adapterPoolSize: WRITERS }, notes: [] };
  } finally {
    await store?.close().catch(() => undefined);
    await Promise.all(rawClients.map((c) => c.end().catch(() => undefined)));
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch((error: unknown) => log(`could not drop ${schema}: ${String(error)}`));
    await admin.end().catch(() => undefined);
  }
}
