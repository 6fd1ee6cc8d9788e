import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainBreakKind, StreamVerification, verifyStore } from '@casetrail/audit';
import { EventStore, PostgresEventStore, SqliteEventStore } from '@casetrail/event-store';
import { loadConfig } from '@casetrail/shared';
import { verifyCommand } from '../../apps/cli/src/commands/verify.command';
import { createTestSchema, describeWithPostgres, TestSchema } from '../support/services';
import { asbCaseWithIncidents, AuditCasework, caseIdOf } from './support/audit-casework';
import { postgresTamperer, sqliteTamperer, tamper, Tamperer } from './support/tampering';

const STREAMS = {
  untouched: caseIdOf('asb', 1),
  modified: caseIdOf('asb', 2),
  deleted: caseIdOf('asb', 3),
  deletedAndRenumbered: caseIdOf('asb', 4),
  reordered: caseIdOf('asb', 5),
  inserted: caseIdOf('asb', 6),
  copied: caseIdOf('asb', 7),
};

interface Database {
  store: EventStore;
  tamperer: Tamperer;
  close(): Promise<void>;
}

/** Six cases tampered with in six ways, one left alone, then verified like `npm run cli -- verify`. */
function tamperEvidenceSuite(open: () => Promise<Database>) {
  let db: Database;

  beforeAll(async () => {
    db = await open();
    const casework = new AuditCasework(db.store);
    for (const caseId of Object.values(STREAMS)) await asbCaseWithIncidents(casework, caseId, 5);
    const events = async (caseId: string) => db.store.readStream(caseId);
    const { tamperer: t } = db;

    const modified = (await events(STREAMS.modified))[3]!;
    await tamper.modify(t, modified, { ...(modified.data as object), description: 'Nothing happened at all' });
    await tamper.delete(t, (await events(STREAMS.deleted))[3]!);
    await tamper.deleteAndRenumber(t, (await events(STREAMS.deletedAndRenumbered))[3]!);
    const reordered = await events(STREAMS.reordered);
    await tamper.swap(t, reordered[2]!, reordered[3]!);
    const inserted = await events(STREAMS.inserted);
    await tamper.insertAfter(t, inserted[1]!, {
      eventId: '00000000-0000-5000-8000-0000000000aa',
      type: 'WarningLetterIssued',
      data: { perpetratorId: 'p1', summary: 'Backdated warning', issuedAt: '2026-03-02T12:00:00.000Z' },
      metadata: { ...inserted[1]!.metadata },
    });
    const copied = await events(STREAMS.copied);
    await tamper.appendCopy(t, copied[2]!, '00000000-0000-5000-8000-0000000000bb', copied.length);
  });
  afterAll(() => db.close());

  it('finds each tampered stream broken, with the right kind, and the untouched one intact', async () => {
    const intact: string[] = [];
    const result = await verifyStore(db.store, { batchSize: 7, onStream: (s) => s.intact && intact.push(s.streamId) });
    const kinds = Object.fromEntries(result.broken.map((s) => [s.streamId, s.firstBreak!.kind]));
    expect(kinds).toEqual({
      [STREAMS.modified]: 'modified',
      [STREAMS.deleted]: 'deleted',
      [STREAMS.deletedAndRenumbered]: 'deleted',
      [STREAMS.reordered]: 'reordered',
      [STREAMS.inserted]: 'inserted',
      [STREAMS.copied]: 'inserted',
    } satisfies Record<string, ChainBreakKind>);
    expect(intact).toEqual([STREAMS.untouched]);
    expect(result.streamCount).toBe(Object.keys(STREAMS).length);
  });

  it('points at the event where each chain breaks', async () => {
    const { broken } = await verifyStore(db.store);
    const at = Object.fromEntries(broken.map((s) => [s.streamId, s.firstBreak!]));
    expect(at[STREAMS.modified]).toMatchObject({ revision: 3, eventId: expect.any(String) });
    expect(at[STREAMS.deleted]).toMatchObject({ revision: 3, eventId: null, detail: 'revision 3 is missing' });
    expect(at[STREAMS.deletedAndRenumbered]).toMatchObject({ revision: 3 });
    expect(at[STREAMS.reordered]).toMatchObject({ revision: 2 });
    expect(at[STREAMS.inserted]).toMatchObject({ revision: 2, eventId: '00000000-0000-5000-8000-0000000000aa' });
    expect(at[STREAMS.copied]).toMatchObject({ eventId: '00000000-0000-5000-8000-0000000000bb' });
  });

  it('reports through the CLI, exiting non-zero, and verifies one stream on request', async () => {
    const lines: string[] = [];
    const context = { store: db.store, config: loadConfig({}), out: (line: string) => lines.push(line) };
    expect(await verifyCommand.run([], context)).toBe(1);
    expect(lines.filter((l) => l.startsWith('BROKEN'))).toHaveLength(6);
    expect(lines.find((l) => l.includes(STREAMS.reordered))).toMatch(/^BROKEN {2}\S+ {2}revision 2: reordered event \S+ \(position \d+\): /);
    expect(lines.at(-1)).toMatch(/^verified \d+ events in 7 streams: 6 broken$/);

    lines.length = 0;
    expect(await verifyCommand.run(['--json'], context)).toBe(1);
    const results = lines.map((l) => JSON.parse(l) as StreamVerification);
    expect(results.map((r) => r.streamId).sort()).toEqual(Object.values(STREAMS).sort());
    expect(results.find((r) => r.streamId === STREAMS.untouched)).toMatchObject({ intact: true, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(results.filter((r) => !r.intact)).toHaveLength(6);

    lines.length = 0;
    expect(await verifyCommand.run(['--stream', STREAMS.untouched], context)).toBe(0);
    expect(lines[0]).toMatch(new RegExp(`^intact {2}${STREAMS.untouched} {2}\\d+ events, last hash [0-9a-f]{64}$`));
  });
}

describe('tamper evidence on SQLite (raw SQL on the events table)', () => {
  tamperEvidenceSuite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-tamper-'));
    const path = join(dir, 'casetrail.db');
    const store = new SqliteEventStore({ path });
    await store.init();
    const tamperer = sqliteTamperer(path);
    return {
      store,
      tamperer,
      close: async () => {
        await tamperer.close();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});

describeWithPostgres('tamper evidence on PostgreSQL (raw SQL on the events table)', () => {
  tamperEvidenceSuite(async () => {
    const schema: TestSchema = await createTestSchema('tamper');
    const store = new PostgresEventStore({ connectionString: schema.url });
    await store.init();
    const tamperer = await postgresTamperer(schema.url);
    return {
      store,
      tamperer,
      close: async () => {
        await tamperer.close();
        await store.close();
        await schema.drop();
      },
    };
  });
});
