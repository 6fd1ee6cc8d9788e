import { createProjectionLocks, ensureProjectionTables, Projection, ProjectionLock, ProjectionRunner, projectionStatuses } from '@casetrail/projections';
import { sql } from 'kysely';
import { generateCasework } from './support/casework';
import { EventTallyProjection, expectedTallies } from './support/event-tally.projection';
import { describeOnEachDialect, eventually, openFixture, ProjectionFixture } from './support/projection-fixture';

const asProjection = (p: object) => p as Projection<unknown>;

describeOnEachDialect('two runners for one projection', (dialect) => {
  let fx: ProjectionFixture;
  beforeAll(async () => {
    fx = await openFixture(dialect);
  });
  afterAll(() => fx.close());

  it('lets only the lock holder apply events; the other takes over when it stops', async () => {
    const first = new EventTallyProjection();
    const second = new EventTallyProjection();
    const hostA = fx.host([asProjection(first)], 'runner-a');
    const hostB = fx.host([asProjection(second)], 'runner-b');
    await hostA.start();
    await eventually(() => hostA.statuses()[0]!.state === 'running', 'runner A holds the lock');
    await hostB.start();

    let head = await generateCasework(fx.store, 60);
    expect(await hostA.waitFor(head, 30_000)).toBe(true);
    // B follows the checkpoint A moves, so its readers can wait on it too.
    expect(await hostB.waitFor(head, 30_000)).toBe(true);
    expect(first.applied).toBe(head);
    expect(second.applied).toBe(0);
    expect(hostB.statuses()[0]!.state).toBe('waiting');
    const locks = createProjectionLocks(fx.db, fx.target, 'status-reader');
    expect((await projectionStatuses(fx.store, fx.db, locks, [asProjection(first)])).projections[0]).toMatchObject({ holder: 'runner-a', lag: 0 });

    await hostA.stop();
    const before = head;
    head = await generateCasework(fx.store, 40);
    expect(await hostB.waitFor(head, 30_000)).toBe(true);
    expect(second.applied).toBe(head - before);
    expect(first.applied).toBe(before);
    expect(await fx.rows('event_tallies')).toEqual(expectedTallies(await fx.store.readAll()));
    expect((await projectionStatuses(fx.store, fx.db, locks, [asProjection(first)])).projections[0]).toMatchObject({ holder: 'runner-b', lag: 0 });
    await locks.close();
    await hostB.stop();
  }, 120_000);

  it('applies each event once even when two runners both believe they hold the lock', async () => {
    // A lease that ran out during a pause, a lock connection that dropped unnoticed: the
    // checkpoint compare-and-set, not the lock, is what keeps the effect single.
    const believer = (): ProjectionLock => {
      let held = false;
      return {
        name: 'doubled-tally',
        get held() {
          return held;
        },
        tryAcquire: async () => (held = true),
        confirm: async () => true,
        release: async () => void (held = false),
      };
    };
    const one = new EventTallyProjection({}, 'doubled-tally');
    const two = new EventTallyProjection({}, 'doubled-tally');
    await ensureProjectionTables(fx.db, [asProjection(one)]);
    await sql`DELETE FROM event_tallies`.execute(fx.db); // the other test's tally shares the table
    const runners = [one, two].map(
      (tally, i) => new ProjectionRunner(fx.store, fx.db, asProjection(tally), { mode: 'run', owner: `believer-${i}`, lock: believer(), tuning: { batchSize: 7, pollMs: 20 } }),
    );
    await Promise.all(runners.map((r) => r.start()));
    const head = await generateCasework(fx.store, 20);
    expect(await Promise.all(runners.map((r) => r.waitFor(head, 30_000)))).toEqual([true, true]);
    await Promise.all(runners.map((r) => r.stop()));
    expect(await fx.rows('event_tallies')).toEqual(expectedTallies(await fx.store.readAll()));
    expect(runners[0]!.status().eventsApplied + runners[1]!.status().eventsApplied).toBe(head);
  }, 120_000);
});
