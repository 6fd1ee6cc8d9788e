import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_TYPES } from '@casetrail/cases';
import { SqliteEventStore } from '@casetrail/event-store';
import { caseTypeOfStream } from '@casetrail/projections';
import { Actor, Deadlines, evolveDeadlines, openDeadlines, upcasterRegistryOf } from '@casetrail/workflow';
import { generateBoroughYear } from '../../tests/support/year-generator';
import { Casework, scratchDirectory } from '../../tests/support/year-generator-casework';
import { SeededRandom } from '../../tests/support/year-generator-random';

/** The year the template boroughs live through (the report tests' year: policy is in force for it). */
export const YEAR = { from: '2025-04-01', to: '2026-03-31' };
/** Events of real casework written through the command path before replicating it. */
const TEMPLATE_EVENTS = 24_000;
/** Share of each replica's cases cut short at a command boundary: still open when the data ends. */
const CUT_SHARE = 0.3;
const INSERT_BATCH = 20_000;

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
}

export interface GeneratedEvents {
  path: string;
  events: number;
  /** Boroughs' years written through handleCommand (the template). */
  templateBoroughYears: number;
  templateEvents: number;
  templateCommands: number;
  replicas: number;
  streams: number;
  eventsByCaseType: Record<string, number>;
  lastOccurredAt: string;
  seconds: number;
}

const CASE_ID = /\b(asb|cpw-cpn|community-trigger|da-referral)-[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g;
const COMMAND_ID = /"commandId":"([^"]*)"/;

/**
 * `target` events of the four case types in one SQLite event store at `dir/events.db`.
 *
 * 1. A template: borough-years of casework (tests/support/year-generator: ASB cases with their
 *    CPW/CPN escalations and mediation, Community Trigger applications, domestic-abuse referrals)
 *    sent through handleCommand, so every event is one the deciders really wrote.
 * 2. Replicas of it, as other boroughs living the same year: every case id (in stream ids, data
 *    and metadata) and event id renamed per replica; a seeded share of each replica's cases cut
 *    short at a command boundary (a prefix of a valid history is a valid history: those cases
 *    are still open when the data ends).
 * 3. Written in bulk straight into the store's `events` table, interleaved by time (event i of
 *    every replica, then event i+1), so batches mix many cases as a live partnership's do.
 */
export async function generateEvents(dir: string, target: number, log: (line: string) => void): Promise<GeneratedEvents> {
  const started = Date.now();
  // The template is thousands of appends, each an fsync: in memory (tmpfs) where the machine has it.
  const scratch = scratchDirectory('casetrail-bench-template-');
  const template = await writeTemplate(join(scratch, 'template.db'), Math.min(target, TEMPLATE_EVENTS), log).finally(() => rmSync(scratch, { recursive: true, force: true }));
  const ordered = inTimeOrder(template.rows);
  const boundaries = commandBoundaries(ordered);
  const path = join(dir, 'events.db');
  const store = new SqliteEventStore({ path });
  await store.init(); // the adapter's own schema
  await store.close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // generation only: the measurement reopens the file as the app does
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const random = new SeededRandom(20261126);
  const cuts: Map<string, number>[] = [];
  const eventsByCaseType: Record<string, number> = {};
  const streams = new Set<string>();
  let written = 0;
  let pending: unknown[][] = [];
  const flush = db.transaction((rows: unknown[][]) => rows.forEach((row) => insert.run(...row)));
  const kept = (replica: number, row: EventRow) => row.revision < cuts[replica]!.get(row.stream_id)!;
  // Replicas are added until their kept events reach the target; the last one is written in part.
  for (let total = 0; total < target; ) {
    const cut = new Map<string, number>();
    for (const [streamId, ends] of boundaries) cut.set(streamId, random.chance(CUT_SHARE) ? ends[random.int(0, ends.length - 1)]! : Number.MAX_SAFE_INTEGER);
    cuts.push(cut);
    total += ordered.filter((row) => row.revision < cut.get(row.stream_id)!).length;
  }
  log(`template: ${template.boroughYears} borough-years, ${ordered.length} events, ${template.commands} commands; ${cuts.length} replicas`);
  let lastOccurredAt = '';
  outer: for (const row of ordered) {
    for (let replica = 0; replica < cuts.length; replica += 1) {
      if (!kept(replica, row)) continue;
      const tag = replica.toString(16).padStart(8, '0');
      const rename = (text: string) => text.replace(CASE_ID, (_, type: string, rest: string) => `${type}-${tag}${rest}`);
      const streamId = rename(row.stream_id);
      const metadata = rename(row.metadata).replace(COMMAND_ID, (_, id: string) => `"commandId":"${id}@${tag}"`);
      pending.push([`${tag}${row.event_id.slice(8)}`, streamId, row.revision, row.type, row.schema_version, rename(row.data), metadata, row.recorded_at]);
      streams.add(streamId);
      const caseType = row.stream_id.replace(CASE_ID, '$1');
      eventsByCaseType[caseType] = (eventsByCaseType[caseType] ?? 0) + 1;
      written += 1;
      if (pending.length === INSERT_BATCH) {
        flush(pending);
        pending = [];
        if (written % 200_000 === 0) log(`  ${written.toLocaleString('en-GB')} events written`);
      }
      if (written === target) break outer;
    }
    lastOccurredAt = (JSON.parse(row.metadata) as { occurredAt: string }).occurredAt;
  }
  flush(pending);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return {
    path,
    events: written,
    templateBoroughYears: template.boroughYears,
    templateEvents: ordered.length,
    templateCommands: template.commands,
    replicas: cuts.length,
    streams: streams.size,
    eventsByCaseType,
    lastOccurredAt,
    seconds: (Date.now() - started) / 1000,
  };
}

async function writeTemplate(path: string, events: number, log: (line: string) => void): Promise<{ rows: EventRow[]; boroughYears: number; commands: number }> {
  const store = new SqliteEventStore({ path });
  await store.init();
  const casework = new Casework(store);
  let boroughYears = 0;
  try {
    while ((await store.headPosition()) < events) {
      boroughYears += 1;
      await generateBoroughYear(casework, boroughYears, YEAR);
      log(`  template borough-year ${boroughYears}: ${(await store.headPosition()).toLocaleString('en-GB')} events`);
    }
    log(`  template: the scheduler fires every deadline still open and due before ${YEAR.to}`);
    await fireDueDeadlines(store, casework);
  } finally {
    await store.close();
  }
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT * FROM events ORDER BY position').all() as EventRow[];
  db.close();
  return { rows, boroughYears, commands: casework.commandsSent };
}

const SCHEDULER: Actor = { id: 'scheduler', role: 'system', agency: 'casetrail' };
const definitionFor = caseTypeOfStream(CASE_TYPES);

/**
 * What the deadline scheduler does in the application: ExpireDeadline through the command path
 * for each deadline still open once it is due (the year generator leaves that to the scheduler),
 * so cases left open carry their missed deadlines into the escalation queue.
 */
async function fireDueDeadlines(store: SqliteEventStore, casework: Casework): Promise<void> {
  const end = new Date(`${YEAR.to}T23:00:00Z`).getTime();
  const deadlinesOf = new Map<string, Deadlines>();
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: 5000 });
    if (page.length === 0) break;
    for (const stored of page) {
      const definition = definitionFor(stored.streamId);
      if (!definition) continue;
      const event = upcasterRegistryOf(definition).upcast(stored);
      deadlinesOf.set(stored.streamId, evolveDeadlines(deadlinesOf.get(stored.streamId) ?? {}, event));
    }
    after = page.at(-1)!.position;
  }
  for (const [caseId, deadlines] of deadlinesOf) {
    for (const deadline of openDeadlines(deadlines).filter((d) => Date.parse(d.dueAt) < end)) {
      const firedAt = new Date(Date.parse(deadline.dueAt) + 60_000).toISOString();
      await casework.send(caseId, { type: 'ExpireDeadline', data: { deadlineId: deadline.deadlineId, dueAt: deadline.dueAt } }, firedAt, SCHEDULER);
    }
  }
}

/**
 * The template's events by when they happened (the generator writes a case's whole life at once),
 * each stream's events kept in revision order: a stream's key is the latest instant so far.
 */
function inTimeOrder(rows: EventRow[]): EventRow[] {
  const latest = new Map<string, string>();
  const keyed = rows.map((row) => {
    const at = (JSON.parse(row.metadata) as { occurredAt: string }).occurredAt;
    const key = [latest.get(row.stream_id) ?? '', at].sort()[1]!;
    latest.set(row.stream_id, key);
    return { row, key };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.row.position - b.row.position));
  return keyed.map((k) => k.row);
}

/** Per stream, the revisions at which a later command's events start: where a history can be cut. */
function commandBoundaries(rows: EventRow[]): Map<string, number[]> {
  const lastCommand = new Map<string, string>();
  const ends = new Map<string, number[]>();
  for (const row of rows) {
    const command = COMMAND_ID.exec(row.metadata)?.[1] ?? String(row.revision);
    if (lastCommand.has(row.stream_id) && lastCommand.get(row.stream_id) !== command) ends.get(row.stream_id)!.push(row.revision);
    if (!ends.has(row.stream_id)) ends.set(row.stream_id, []);
    lastCommand.set(row.stream_id, command);
  }
  // A stream of one command cannot be cut short: it stays whole.
  for (const [streamId, revisions] of ends) if (revisions.length === 0) ends.set(streamId, [Number.MAX_SAFE_INTEGER]);
  return ends;
}
