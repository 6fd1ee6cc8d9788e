import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayCaseSummaries } from '@casetrail/audit';
import { EventStore, PostgresEventStore, SqliteEventStore } from '@casetrail/event-store';
import { CasetrailDatabase, createDatabase } from '@casetrail/persistence';
import { CaseSummaryTables } from '@casetrail/projections';
import { CasetrailConfig, loadConfig } from '@casetrail/shared';
import { replayCommand } from '../../apps/cli/src/commands/replay.command';
import { createTestSchema, describeWithPostgres } from '../support/services';
import { asbReport, AuditCasework, caseIdOf, definitionOf, everyCaseType, incident } from './support/audit-casework';
import { projectCaseSummaries } from './support/case-summary-read-model';

interface Setup {
  store: EventStore;
  db: CasetrailDatabase;
  config: CasetrailConfig;
  close(): Promise<void>;
}

/**
 * `npm run cli -- replay --all`: every case rebuilt from its events and compared with the case
 * summary read model. Clean, it finds nothing; each kind of drift in the read model is named.
 */
function replaySuite(open: () => Promise<Setup>) {
  let setup: Setup;
  let ids: Awaited<ReturnType<typeof everyCaseType>>;
  const replay = () => replayCaseSummaries({ store: setup.store, db: setup.db, definitionFor: definitionOf });
  const cli = async () => {
    const lines: string[] = [];
    const code = await replayCommand.run(['--all'], { store: setup.store, config: setup.config, out: (l) => lines.push(l) });
    return { code, lines };
  };
  const summaries = () => setup.db.withTables<CaseSummaryTables>();

  beforeAll(async () => {
    setup = await open();
    const casework = new AuditCasework(setup.store);
    ids = await everyCaseType(casework, 1);
    await everyCaseType(casework, 2);
    await projectCaseSummaries(setup.store, setup.db);
  });
  afterAll(() => setup.close());

  it('finds no difference on a clean store, through the CLI too', async () => {
    const report = await replay();
    expect(report).toMatchObject({ cases: 8, differences: [] });
    expect(report.events).toBeGreaterThan(100);
    const { code, lines } = await cli();
    expect({ code, lines }).toEqual({ code: 0, lines: [expect.stringMatching(/^replayed 8 cases \(\d+ events, up to position \d+\): no differences$/)] });
  });

  it('does not count events the read model has not reached yet as differences', async () => {
    const casework = new AuditCasework(setup.store);
    await casework.send(caseIdOf('asb', 9), asbReport(), '2026-03-02T10:00:00.000Z');
    await casework.send(ids.asb, incident('late', '2026-06-01'), '2026-06-01T10:00:00.000Z');
    expect((await replay()).differences).toEqual([]);
    await projectCaseSummaries(setup.store, setup.db);
    expect(await replay()).toMatchObject({ cases: 9, differences: [] });
  });

  it('names each field the read model got wrong, and rows without a case or cases without a row', async () => {
    await summaries().updateTable('case_summaries').set({ stage: 'tampered', agencies: '["tmbc","nobody"]' }).where('case_id', '=', ids.daReferral).execute();
    await summaries().updateTable('case_summaries').set({ restricted: 0, revision: 3 }).where('case_id', '=', ids.asb).execute();
    await summaries().deleteFrom('case_summaries').where('case_id', '=', ids.communityTrigger).execute();
    const orphan = caseIdOf('cpw-cpn', 7);
    const { case_id: _id, ...cpwRow } = await summaries().selectFrom('case_summaries').selectAll().where('case_id', '=', ids.cpwCpn).executeTakeFirstOrThrow();
    await summaries().insertInto('case_summaries').values({ case_id: orphan, ...cpwRow }).execute();

    const { differences } = await replay();
    const found = differences.map((d) => `${d.caseId} ${d.field}`).sort();
    expect(found).toEqual(
      [`${ids.daReferral} stage`, `${ids.daReferral} agencies`, `${ids.asb} restricted`, `${ids.asb} revision`, `${ids.communityTrigger} (row)`, `${orphan} (row)`].sort(),
    );
    expect(differences.find((d) => d.caseId === ids.daReferral && d.field === 'stage')).toEqual({
      caseId: ids.daReferral,
      field: 'stage',
      readModel: 'tampered',
      events: 'closed',
    });
    expect(differences.find((d) => d.field === 'restricted')).toMatchObject({ readModel: false, events: true });

    const { code, lines } = await cli();
    expect(code).toBe(1);
    expect(lines.filter((l) => l.startsWith('DIFF'))).toHaveLength(6);
    expect(lines.at(-1)).toMatch(/: 6 differences in 4 cases$/);
  });
}

describe('replay on SQLite', () => {
  replaySuite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-replay-'));
    const path = join(dir, 'casetrail.db');
    const store = new SqliteEventStore({ path });
    await store.init();
    const db = createDatabase({ dialect: 'sqlite', path });
    return {
      store,
      db,
      config: loadConfig({ CASETRAIL_STORE: 'sqlite', CASETRAIL_SQLITE_PATH: path }),
      close: async () => {
        await db.destroy();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });

  it('says so when there is no read model to compare with', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-replay-'));
    const path = join(dir, 'casetrail.db');
    const store = new SqliteEventStore({ path });
    await store.init();
    const lines: string[] = [];
    const code = await replayCommand.run(['--all'], { store, config: loadConfig({ CASETRAIL_STORE: 'sqlite', CASETRAIL_SQLITE_PATH: path }), out: (l) => lines.push(l) });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^replay: the case-summary read model cannot be read here .*; start the API or the worker once to build it$/)]);
  });

  it('refuses to run without --all', async () => {
    const lines: string[] = [];
    const store = new SqliteEventStore({ path: ':memory:' });
    expect(await replayCommand.run([], { store, config: loadConfig({}), out: (l) => lines.push(l) })).toBe(64);
    expect(await replayCommand.run(['--bogus'], { store, config: loadConfig({}), out: (l) => lines.push(l) })).toBe(64);
    await store.close();
  });
});

describeWithPostgres('replay on PostgreSQL', () => {
  replaySuite(async () => {
    const schema = await createTestSchema('replay');
    const store = new PostgresEventStore({ connectionString: schema.url });
    await store.init();
    const db = createDatabase({ dialect: 'postgres', connectionString: schema.url });
    return {
      store,
      db,
      config: loadConfig({ CASETRAIL_STORE: 'postgres', CASETRAIL_PG_URL: schema.url }),
      close: async () => {
        await db.destroy();
        await store.close();
        await schema.drop();
      },
    };
  });
});
