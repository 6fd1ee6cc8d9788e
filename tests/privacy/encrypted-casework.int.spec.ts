import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { verifyStore, describeHistory } from '@casetrail/audit';
import { CASE_TYPES } from '@casetrail/cases';
import { RecordedEvent, SqliteEventStore } from '@casetrail/event-store';
import { createDatabase, migrateTables } from '@casetrail/persistence';
import { caseTypeOfStream } from '@casetrail/projections';
import {
  caseEventSchemas,
  EncryptingEventStore,
  ERASED,
  isPiiEnvelope,
  KeyWrapper,
  personalFieldsOf,
  SqlSubjectKeyStore,
  subjectsIn,
} from '@casetrail/privacy';
import { loadConfig } from '@casetrail/shared';
import { foldCase, upcasterRegistryOf } from '@casetrail/workflow';
import { retentionCommand } from '../../apps/cli/src/commands/retention.command';
import { generateBoroughYear } from '../support/year-generator';
import { Casework, scratchDirectory } from '../support/year-generator-casework';

/**
 * Every case type's real events (a generated month of casework through handleCommand) written
 * through the encrypting store: the decrypted view equals what a plain store holds, no personal
 * value is stored in the clear, and with every key destroyed each case still folds, summarises,
 * describes and verifies, with "[erased]" where the personal data was.
 */
// A seed whose month holds a Community Trigger application and a CPW/CPN escalation.
const SEED = 4;
const PERIOD = { from: '2025-06-01', to: '2025-06-30' };
const definitionFor = caseTypeOfStream(CASE_TYPES);
const schemasOf = caseEventSchemas(CASE_TYPES);

describe('crypto-shredding over every case type (SQLite)', () => {
  const dir = scratchDirectory('casetrail-privacy-');
  const plain = new SqliteEventStore({ path: join(dir, 'plain.db') });
  const raw = new SqliteEventStore({ path: join(dir, 'encrypted.db') });
  const db = createDatabase({ dialect: 'sqlite', path: join(dir, 'encrypted.db') });
  const keys = new SqlSubjectKeyStore(db, new KeyWrapper(Buffer.alloc(32, 7)));
  const encrypted = new EncryptingEventStore(raw, keys, schemasOf);
  let plainEvents: RecordedEvent[];
  let storedEvents: RecordedEvent[];

  beforeAll(async () => {
    await plain.init();
    await encrypted.init();
    await migrateTables(db);
    await generateBoroughYear(new Casework(plain), SEED, PERIOD);
    await generateBoroughYear(new Casework(encrypted), SEED, PERIOD);
    plainEvents = await plain.readAll({ maxCount: 1_000_000 });
    storedEvents = await raw.readAll({ maxCount: 1_000_000 });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([plain.close(), raw.close(), db.destroy()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the same events, and reads them back decrypted exactly as a plain store holds them', async () => {
    expect(storedEvents.length).toBe(plainEvents.length);
    expect(new Set(storedEvents.map((e) => e.type.split('-')[0])).size).toBeGreaterThan(10);
    const decrypted = await encrypted.readAll({ maxCount: 1_000_000 });
    expect(decrypted.map((e) => [e.eventId, e.type, e.data])).toEqual(plainEvents.map((e) => [e.eventId, e.type, e.data]));
  });

  it('stores no personal value in the clear: every field marked personal holds an envelope', () => {
    let personal = 0;
    const types = new Set<string>();
    for (const [i, event] of plainEvents.entries()) {
      const schema = schemasOf(event.streamId)?.[event.type];
      if (!schema) continue;
      const stored = storedEvents[i]!;
      for (const field of personalFieldsOf(schema, event.data)) {
        personal += 1;
        types.add(event.streamId.replace(/-[0-9a-f-]{36}$/, ''));
        const storedValue = field.path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], stored.data);
        expect(isPiiEnvelope(storedValue)).toBe(true);
        const text = JSON.stringify(stored.data);
        if (typeof field.value === 'string' && field.value.length >= 4) expect(text).not.toContain(JSON.stringify(field.value));
      }
    }
    expect(personal).toBeGreaterThan(100);
    expect([...types].sort()).toEqual(['asb', 'community-trigger', 'cpw-cpn', 'da-referral']);
  });

  it('keeps every hash chain intact over the ciphertext (encrypt, then hash)', async () => {
    const result = await verifyStore(raw);
    expect(result.broken).toEqual([]);
    expect(result.events).toBe(storedEvents.length);
  });

  const retentionReport = async (args: string[]) => {
    const lines: string[] = [];
    const code = await retentionCommand.run(['report', ...args], { store: encrypted, config: loadConfig({}), out: (line) => lines.push(line) });
    return { code, lines };
  };

  it('lists closed cases past their retention period as erasure candidates, with their subjects (CLI retention report)', async () => {
    const closed = [...groupByStream(plainEvents)].filter(([streamId, events]) => {
      const definition = definitionFor(streamId)!;
      const registry = upcasterRegistryOf(definition);
      return definition.summarise(foldCase(definition, events.map((e) => registry.upcast(e)))).closedAt !== undefined;
    });
    expect(closed.length).toBeGreaterThan(5);
    const now = await retentionReport(['--as-of', '2026-01-01']);
    expect(now.code).toBe(0);
    expect(JSON.parse(now.lines.join('\n')).candidates).toEqual([]);
    const later = await retentionReport(['--as-of', '2032-01-01']);
    const { candidates } = JSON.parse(later.lines.join('\n')) as { candidates: { caseId: string; rule: string; subjects: unknown[] }[] };
    expect(candidates.map((c) => c.caseId).sort()).toEqual(closed.map(([streamId]) => streamId).sort());
    expect(candidates.every((c) => c.rule.startsWith('retention.') && c.subjects.length > 0)).toBe(true);
    const csv = await retentionReport(['--as-of', '2032-01-01', '--format', 'csv']);
    expect(csv.lines[0]).toBe('caseId,caseType,closedAt,rule,years,dueFrom,subjectId,slot');
    expect(csv.lines.length - 1).toBe(candidates.reduce((n, c) => n + c.subjects.length, 0));
    expect((await retentionReport(['--as-of', 'soon'])).code).toBe(64);
    expect((await retentionReport(['--format', 'xml'])).code).toBe(64);
  });

  it('with every key destroyed, each case still folds, summarises and describes, with "[erased]" for its personal data', async () => {
    const subjects = new Set<string>();
    storedEvents.forEach((e) => subjectsIn(e.data, subjects));
    for (const subjectId of subjects) expect(await keys.destroy(subjectId, '2026-01-01T00:00:00Z')).toBe(true);

    const erased = await encrypted.readAll({ maxCount: 1_000_000 });
    expect(JSON.stringify(erased)).toContain(JSON.stringify(ERASED));
    const byStream = groupByStream(erased);
    const plainByStream = groupByStream(plainEvents);
    for (const [streamId, events] of byStream) {
      const definition = definitionFor(streamId);
      if (!definition) continue;
      const registry = upcasterRegistryOf(definition);
      const fold = (list: RecordedEvent[]) => definition.summarise(foldCase(definition, list.map((e) => registry.upcast(e))));
      // Stages, dates, risk, agencies: every fact that is not personal replays as it was.
      expect({ streamId, summary: fold(events) }).toEqual({ streamId, summary: fold(plainByStream.get(streamId)!) });
      expect(describeHistory(definition.caseType, events.map((e) => registry.upcast(e))).length).toBe(events.length);
    }
    expect((await verifyStore(raw)).broken).toEqual([]);
    // Erased, so no longer candidates.
    expect(JSON.parse((await retentionReport(['--as-of', '2032-01-01'])).lines.join('\n')).candidates).toEqual([]);
  });
});

function groupByStream(events: RecordedEvent[]): Map<string, RecordedEvent[]> {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  return streams;
}
