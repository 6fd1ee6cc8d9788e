/**
 * The cost of crypto-shredding (docs/privacy.md): the same ASB events appended and read through
 * the SQLite adapter (the raw baseline) and through EncryptingEventStore over another file on the
 * same disk, in one run. Prints ratios; writes bench/results/privacy-<time>.json and -latest.json.
 * `npm run bench:privacy` (BENCH_SCALE=0.1 for a smoke run).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CASE_TYPES } from '@casetrail/cases';
import { EventStore, NewEvent, SqliteEventStore } from '@casetrail/event-store';
import { createDatabase, migrateTables } from '@casetrail/persistence';
import { CachedSubjectKeys, caseEventSchemas, EncryptingEventStore, KeyWrapper, SqlSubjectKeyStore } from '@casetrail/privacy';
import { machineInfo } from './store/machine';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const CASES = Math.max(20, Math.round(1000 * SCALE));
const EVENTS_PER_CASE = 10;

/** An ASB case: the report (victim, address, perpetrator) and incidents, as the decider writes them. */
function caseEvents(n: number): NewEvent[] {
  const metadata = { actorId: 'bench', actorRole: 'caseworker', agency: 'tmbc', correlationId: `c${n}`, causationId: `c${n}`, commandId: `c${n}`, occurredAt: '2026-03-02T10:00:00.000Z' };
  const reported: NewEvent = {
    eventId: randomUUID(),
    type: 'AsbReported',
    schemaVersion: 1,
    data: {
      reportingAgency: 'tmbc',
      category: 'noise',
      victims: [{ kind: 'person', givenName: `Given${n}`, familyName: `Family${n}`, contact: { phone: '07700 900123', address: `${n} Acacia Avenue, Tonbridge` } }],
      location: { address: `${n} Acacia Avenue, Tonbridge` },
      perpetrators: [{ perpetratorId: 'p1', givenName: 'Sam', familyName: `Smith${n}`, dateOfBirth: '1990-01-02', description: 'Neighbour, loud music at night' }],
      reportedAt: '2026-03-02T10:00:00.000Z',
    },
    metadata,
  };
  const incidents = Array.from({ length: EVENTS_PER_CASE - 1 }, (_, i): NewEvent => ({
    eventId: randomUUID(),
    type: 'IncidentLogged',
    schemaVersion: 1,
    data: { incidentId: `i${i}`, behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: 'Music until 3am, shouting in the street', reportingAgency: 'tmbc', qualifyingComplaint: true },
    metadata,
  }));
  return [reported, ...incidents];
}

async function measure(store: EventStore, ids: string[], batches: NewEvent[][]) {
  let t = process.hrtime.bigint();
  for (let i = 0; i < ids.length; i += 1) await store.append(ids[i]!, batches[i]!, 'no_stream');
  const appendS = Number(process.hrtime.bigint() - t) / 1e9;
  t = process.hrtime.bigint();
  for (const id of ids) await store.readStream(id);
  const readStreamS = Number(process.hrtime.bigint() - t) / 1e9;
  t = process.hrtime.bigint();
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: 1000 });
    if (page.length === 0) break;
    after = page.at(-1)!.position;
  }
  const readAllS = Number(process.hrtime.bigint() - t) / 1e9;
  const events = ids.length * EVENTS_PER_CASE;
  return { appendEventsPerS: events / appendS, readStreamEventsPerS: events / readStreamS, readAllEventsPerS: events / readAllS };
}

async function main(): Promise<void> {
  const load: { start: number[]; end?: number[] } = { start: loadavg() };
  const dir = mkdtempSync(join(process.env.BENCH_SQLITE_DIR ?? tmpdir(), 'casetrail-bench-privacy-'));
  const raw = new SqliteEventStore({ path: join(dir, 'raw.db') });
  const inner = new SqliteEventStore({ path: join(dir, 'encrypted.db') });
  const db = createDatabase({ dialect: 'sqlite', path: join(dir, 'encrypted.db') });
  try {
    await raw.init();
    await inner.init();
    await migrateTables(db);
    const encrypted = new EncryptingEventStore(inner, new CachedSubjectKeys(new SqlSubjectKeyStore(db, new KeyWrapper(Buffer.alloc(32, 1)))), caseEventSchemas(CASE_TYPES));
    const ids = Array.from({ length: CASES }, () => `asb-${randomUUID()}`);
    const batches = ids.map((_, n) => caseEvents(n));
    process.stdout.write(`privacy bench: ${CASES} ASB cases x ${EVENTS_PER_CASE} events, SQLite in ${dir}\n`);
    // Interleaved halves, so drift in the machine's load touches both sides alike.
    const half = Math.floor(CASES / 2);
    const a = await measure(raw, ids.slice(0, half), batches.slice(0, half));
    const b = await measure(encrypted, ids.slice(0, half), batches.slice(0, half));
    const c = await measure(encrypted, ids.slice(half), batches.slice(half));
    const d = await measure(raw, ids.slice(half), batches.slice(half));
    const mean = (x: typeof a, y: typeof a) => Object.fromEntries(Object.keys(x).map((k) => [k, (x[k as keyof typeof a] + y[k as keyof typeof a]) / 2])) as typeof a;
    const rawFig = mean(a, d);
    const encFig = mean(b, c);
    const rows = (Object.keys(rawFig) as (keyof typeof a)[]).map((k) => ({ measure: k, raw: Math.round(rawFig[k]), encrypted: Math.round(encFig[k]), ratio: Math.round((encFig[k] / rawFig[k]) * 100) / 100 }));
    for (const r of rows) process.stdout.write(`${r.measure.padEnd(22)} raw ${String(r.raw).padStart(8)}/s  encrypted ${String(r.encrypted).padStart(8)}/s  ratio ${r.ratio}\n`);
    load.end = loadavg();
    const result = { bench: 'privacy', at: new Date().toISOString(), machine: machineInfo(), load, scale: SCALE, cases: CASES, eventsPerCase: EVENTS_PER_CASE, method: 'SQLite adapter (raw) vs EncryptingEventStore over it, interleaved halves, one process', rows };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    const json = JSON.stringify(result, null, 2);
    writeFileSync(join(__dirname, 'results', `privacy-${result.at.replace(/:/g, '-')}.json`), json);
    writeFileSync(join(__dirname, 'results', 'privacy-latest.json'), json);
  } finally {
    await Promise.all([raw.close(), inner.close(), db.destroy()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
