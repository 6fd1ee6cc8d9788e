import { randomUUID } from 'node:crypto';
import { EventStore, NewEvent } from '@casetrail/event-store';
import { commandEventId, commandMetadata, eventHash, GENESIS_HASH } from '@casetrail/workflow';
import { CaseTemplate, caseTemplates, PLACEHOLDER_UUID } from './case-templates';

/** The three sizes of issue 10, in events. */
export const SIZES = { borough: 100_000, county: 1_000_000, national: 10_000_000 } as const;
export type SizeName = keyof typeof SIZES;

/**
 * One case's history as the store takes it: one append (a bulk load), or for one case in ten two
 * appends recorded at different instants, so time travel has a moment inside its history to cut at.
 */
export interface GeneratedCase {
  caseId: string;
  batches: NewEvent[][];
  /** When each batch is recorded: the occurredAt of its last event. */
  recordedAt: string[];
}

/** A chunk of cases, generated before any clock starts, so the timings are the writes alone. */
export type Chunk = GeneratedCase[];

export interface GenerationOptions {
  events: number;
  /** Cases per chunk handed to `write`. */
  chunkCases?: number;
  write: (chunk: Chunk, index: number) => Promise<void>;
}

export interface GenerationSummary {
  events: number;
  cases: number;
  casesByType: Record<string, number>;
  openCases: number;
  refusedCommands: Record<string, number>;
}

/**
 * Generates `events` events of realistic cases (case-templates.ts: decided by each case type's
 * own decider) and hands them to `write` chunk by chunk. Each case gets a fresh id (its deadline
 * ids follow it), fresh command ids, the actor's metadata and a hash chain sealed exactly as the
 * command path seals it (eventHash, ADR 0007). Two cases in five stop part-way and stay open.
 * The last case is cut to hit the size exactly: a prefix of a history is a history.
 */
export async function generateHistory(options: GenerationOptions): Promise<GenerationSummary> {
  const { mix, refusals } = caseTemplates();
  const chunkCases = options.chunkCases ?? 500;
  const casesByType: Record<string, number> = {};
  let written = 0;
  let cases = 0;
  let openCases = 0;
  let chunkIndex = 0;
  while (written < options.events) {
    const chunk: Chunk = [];
    while (chunk.length < chunkCases && written < options.events) {
      const template = mix[cases % mix.length]!;
      const open = cases % 5 < 2;
      const wanted = Math.min(open ? template.openAfter : template.events, options.events - written);
      chunk.push(instantiate(template, wanted, cases % 10 === 0));
      casesByType[template.caseType] = (casesByType[template.caseType] ?? 0) + 1;
      if (open || wanted < template.events) openCases += 1;
      written += wanted;
      cases += 1;
    }
    await options.write(chunk, chunkIndex);
    chunkIndex += 1;
  }
  return { events: written, cases, casesByType, openCases, refusedCommands: Object.fromEntries(refusals) };
}

interface Decided {
  type: string;
  schemaVersion: number;
  data: unknown;
  command: number;
  occurredAt: string;
  actor: { id: string; role: 'caseworker'; agency: string };
}

function instantiate(template: CaseTemplate, events: number, split: boolean): GeneratedCase {
  const uuid = randomUUID();
  const caseId = `${template.caseType}-${uuid}`;
  const decided = JSON.parse(template.text.replaceAll(PLACEHOLDER_UUID, uuid)) as Decided[];
  const commandIds = new Map<number, string>();
  let previousHash = GENESIS_HASH;
  const sealed: NewEvent[] = decided.slice(0, events).map((event, revision) => {
    let commandId = commandIds.get(event.command);
    if (!commandId) commandIds.set(event.command, (commandId = randomUUID()));
    const firstOfCommand = decided.findIndex((e) => e.command === event.command);
    const metadata = commandMetadata({ actor: event.actor, commandId, correlationId: commandId, occurredAt: event.occurredAt });
    const unsealed = { eventId: commandEventId(commandId, revision - firstOfCommand), type: event.type, schemaVersion: event.schemaVersion, data: event.data };
    const hash = eventHash(previousHash, { ...unsealed, streamId: caseId, revision, metadata });
    const result = { ...unsealed, metadata: { ...metadata, previousHash, hash } };
    previousHash = hash;
    return result;
  });
  // Split between commands, never inside one: a command's events are appended together.
  let cut = split ? Math.ceil(sealed.length / 2) : sealed.length;
  while (cut < sealed.length && cut > 0 && decided[cut]!.command === decided[cut - 1]!.command) cut += 1;
  const batches = [sealed.slice(0, cut), sealed.slice(cut)].filter((b) => b.length > 0);
  const recordedAt = batches.map((b) => String(b.at(-1)!.metadata.occurredAt));
  return { caseId, batches, recordedAt };
}

/**
 * Writes a chunk through the store: each case's batches in order, with the exact expected
 * revision. `casesInFlight` > 1 appends that many cases at once (each case's own batches stay in
 * order), so a store that groups concurrent appends into one commit can; 1 writes case by case.
 * The clock is set right before each append call, which reads it before its first await.
 */
export async function appendChunk(store: EventStore, clock: { now: Date }, chunk: Chunk, casesInFlight = 1): Promise<void> {
  let nextCase = 0;
  const lane = async () => {
    while (nextCase < chunk.length) {
      const generated = chunk[nextCase++]!;
      let next = 0;
      for (const [i, batch] of generated.batches.entries()) {
        clock.now = new Date(generated.recordedAt[i]!);
        await store.append(generated.caseId, batch, next === 0 ? 'no_stream' : next - 1);
        next += batch.length;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, casesInFlight) }, lane));
}
