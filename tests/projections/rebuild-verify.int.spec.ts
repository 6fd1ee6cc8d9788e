import { sql } from 'kysely';
import { allProjections, createProjectionLocks, Projection, ProjectionHost, rebuildProjection, ShadowBuildFailedError } from '@casetrail/projections';
import { loadConfig } from '@casetrail/shared';
import { runProjections } from '../../apps/cli/src/commands/projections.command';
import { definitionFor, generateCasework } from './support/casework';
import { EventTallyProjection, expectedTallies } from './support/event-tally.projection';
import { describeOnEachDialect, openFixture, ProjectionFixture } from './support/projection-fixture';

const asProjection = (p: object) => p as Projection<unknown>;

describeOnEachDialect('rebuild and verify', (dialect) => {
  let fx: ProjectionFixture;
  let host: ProjectionHost;
  let head: number;

  /** `npm run cli -- projections ...` in this process: exit code, stdout lines, stderr text. */
  async function cli(...args: string[]) {
    const lines: string[] = [];
    let stderr = '';
    const code = await runProjections(args, { store: fx.store, config: loadConfig(fx.env), out: (l) => lines.push(l) }, { isTTY: false, write: (t: string) => (stderr += t) });
    return { code, lines, stderr };
  }

  async function physicalNames(kind: 'table' | 'index'): Promise<string[]> {
    const { rows } =
      fx.dialect === 'postgres'
        ? kind === 'table'
          ? await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`.execute(fx.db)
          : await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()`.execute(fx.db)
        : await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = ${kind}`.execute(fx.db);
    return rows.map((r) => r.name).sort();
  }

  beforeAll(async () => {
    fx = await openFixture(dialect);
    head = await generateCasework(fx.store, 150);
    // The read models as the API runs them, plus a tally that shows double or missing applications.
    host = fx.host([...allProjections({ store: fx.store, definitionFor }), asProjection(new EventTallyProjection())], 'api-test');
    await host.start();
    expect(await host.waitFor(head, 60_000)).toBe(true);
  }, 180_000);
  afterAll(() => fx.close());

  it('verify finds no difference in read models the runner built, while the runner keeps running', async () => {
    const { code, lines } = await cli('verify');
    expect(lines.filter((l) => / difference\(s\) in /.test(l))).toHaveLength(allProjections({ store: fx.store, definitionFor }).length);
    expect(lines.filter((l) => !/: 0 difference\(s\) in /.test(l))).toEqual([]);
    expect(code).toBe(0);
    expect(lines.find((l) => l.startsWith('case-summary:'))).toMatch(new RegExp(`^case-summary: 0 difference\\(s\\) in 150 row\\(s\\) at position ${head}$`));
    expect((await physicalNames('table')).filter((t) => t.includes('__shadow'))).toEqual([]);
    // The runner got its lock back.
    head = await generateCasework(fx.store, 5);
    expect(await host.waitFor(head, 30_000)).toBe(true);
  }, 120_000);

  it('verify reports a tampered row and a missing one, and exits non-zero', async () => {
    const [changed, removed] = (await fx.rows('case_summaries')) as { case_id: string; stage: string }[];
    await sql`UPDATE case_summaries SET stage = 'tampered' WHERE case_id = ${changed!.case_id}`.execute(fx.db);
    await sql`DELETE FROM case_summaries WHERE case_id = ${removed!.case_id}`.execute(fx.db);

    const { code, lines } = await cli('verify', 'case-summary');
    expect(code).toBe(1);
    expect(lines).toContain(`case_summaries {"case_id":"${changed!.case_id}"}: stage live="tampered" rebuilt=${JSON.stringify(changed!.stage)}`);
    expect(lines.filter((l) => l.startsWith(`case_summaries {"case_id":"${removed!.case_id}"}: missing from the live table`))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^case-summary: 2 difference\(s\)/);
  }, 60_000);

  it('rebuild swaps in fresh tables while events arrive, shows progress, and verify then agrees', async () => {
    const arriving = generateCasework(fx.store, 20);
    const { code, lines, stderr } = await cli('rebuild', 'case-summary');
    head = await arriving;
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^case-summary: rebuilt from \d+ events in [\d.]+ s \(\d+ events\/s\); checkpoint \d+$/);
    expect(stderr).toMatch(/^case-summary building \[[#-]{24}\] +\d+% \d+\/\d+ \d+ events\/s [\d:?]+ left$/m);
    expect(await host.waitFor(head, 30_000)).toBe(true);
    expect((await cli('verify', 'case-summary')).code).toBe(0);
    expect(await fx.rows('case_summaries')).toHaveLength(175);
    // A second rebuild: the swapped-in indexes took their live names, so the new shadow's do not collide.
    expect((await cli('rebuild', 'case-summary')).code).toBe(0);
    const indexes = (await physicalNames('index')).filter((i) => i.startsWith('case_summaries'));
    expect(indexes).toEqual(expect.arrayContaining(['case_summaries_case_type', 'case_summaries_stage', 'case_summaries_opened_at', 'case_summaries_assignee_id']));
    expect(indexes.filter((i) => i.includes('shadow'))).toEqual([]);
  }, 120_000);

  it('each event has its effect exactly once across a swap made while the runner is busy', async () => {
    const locks = createProjectionLocks(fx.db, fx.target, 'rebuilder');
    const arriving = generateCasework(fx.store, 20);
    const result = await rebuildProjection({ store: fx.store, db: fx.db, locks, projection: asProjection(new EventTallyProjection()) });
    head = await arriving;
    await locks.close();
    expect(result.checkpoint).toBeGreaterThan(0);
    expect(await host.waitFor(head, 30_000)).toBe(true);
    expect(await fx.rows('event_tallies')).toEqual(expectedTallies(await fx.store.readAll()));
  }, 120_000);

  it('a rebuild that meets an event the projection cannot apply changes nothing and says which event', async () => {
    const before = await fx.rows('event_tallies');
    const bad = (await fx.store.readAll())[99]!;
    const locks = createProjectionLocks(fx.db, fx.target, 'rebuilder');
    const failing = new EventTallyProjection({ failsOn: (e) => e.position === bad.position });
    const attempt = rebuildProjection({ store: fx.store, db: fx.db, locks, projection: asProjection(failing) });
    await expect(attempt).rejects.toBeInstanceOf(ShadowBuildFailedError);
    await expect(attempt).rejects.toMatchObject({ failure: { projection: 'event-tally', position: bad.position, eventType: bad.type } });
    await locks.close();
    expect(await fx.rows('event_tallies')).toEqual(before);
    expect((await physicalNames('table')).filter((t) => t.includes('__shadow'))).toEqual([]);
  }, 60_000);
});
