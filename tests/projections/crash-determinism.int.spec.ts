import { sql } from 'kysely';
import { allProjections, Projection } from '@casetrail/projections';
import { definitionFor, generateCasework } from './support/casework';
import { spawnRunner } from './support/child-runner';
import { EventTallyProjection, expectedTallies } from './support/event-tally.projection';
import { describeOnEachDialect, openFixture, ProjectionFixture } from './support/projection-fixture';

describeOnEachDialect('a runner killed mid-batch', (dialect) => {
  let fx: ProjectionFixture;
  let head: number;
  let tables: string[];
  beforeAll(async () => {
    fx = await openFixture(dialect);
    head = await generateCasework(fx.store, 300); // 3,300 events
    const projections = [...allProjections({ store: fx.store, definitionFor }), new EventTallyProjection() as unknown as Projection<unknown>];
    tables = projections.flatMap((p) => [...(p.tables as readonly string[])]);
  }, 180_000);
  afterAll(() => fx.close());

  /** Every read model's rows, ordered: what must not depend on how the runner got there. */
  async function readModels(): Promise<Record<string, unknown[]>> {
    const all: Record<string, unknown[]> = {};
    for (const table of tables) {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(fx.db);
      all[table] = rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
    }
    return all;
  }

  async function forgetReadModels(): Promise<void> {
    for (const table of tables) await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(fx.db);
    for (const bookkeeping of ['projection_checkpoints', 'projection_failures', 'projection_leases']) {
      await sql`DELETE FROM ${sql.table(bookkeeping)}`.execute(fx.db);
    }
  }

  it('gives the same read models as an uninterrupted run, after another process takes over', async () => {
    const uninterrupted = spawnRunner({ ...fx.env, CT_EXIT_AT: String(head), CT_OWNER: 'uninterrupted' });
    expect((await uninterrupted.exited).code).toBe(0);
    const expected = await readModels();
    expect(expected.event_tallies).toHaveLength(300);

    await forgetReadModels();
    const hangAt = 1_737; // inside a batch, with events before it in the same transaction
    const victim = spawnRunner({ ...fx.env, CT_EXIT_AT: String(head), CT_HANG_AT: String(hangAt), CT_OWNER: 'victim' });
    const hanging = await victim.line(/^hanging at/);
    expect(hanging).toMatch(new RegExp(`^hanging at ${hangAt} after \\d+ events`));
    // Waiting for the lock while the victim holds it.
    const successor = spawnRunner({ ...fx.env, CT_EXIT_AT: String(head), CT_OWNER: 'successor' });
    await successor.line(/^started/);
    victim.process.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');

    const finished = await successor.exited;
    expect(finished.code).toBe(0);
    const { applied } = JSON.parse(finished.stdout.split('\n').find((l) => l.startsWith('{'))!) as { applied: Record<string, number> };
    // The successor applied the tally from the victim's last commit, which was before the hang.
    expect(applied['event-tally']).toBeGreaterThanOrEqual(head - hangAt + 1);
    expect(await readModels()).toEqual(expected);
    expect(await fx.rows('event_tallies')).toEqual(expectedTallies(await fx.store.readAll()));
  }, 180_000);
});
