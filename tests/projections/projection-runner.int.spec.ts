import { sql } from 'kysely';
import { CaseSummaryProjection, createProjectionLocks, ensureProjectionTables, Projection, projectionStatuses } from '@casetrail/projections';
import { definitionFor, generateCasework } from './support/casework';
import { EventTallyProjection, expectedTallies } from './support/event-tally.projection';
import { describeOnEachDialect, eventually, FAST_TUNING, openFixture, ProjectionFixture } from './support/projection-fixture';

const asProjection = (p: object) => p as Projection<unknown>;

describeOnEachDialect('projection runner', (dialect) => {
  let fx: ProjectionFixture;
  let head: number;
  beforeAll(async () => {
    fx = await openFixture(dialect);
    head = await generateCasework(fx.store, 200); // 2,200 events over 200 interleaved streams
  }, 120_000);
  afterAll(() => fx.close());

  it('applies thousands of events in batches of 500, each exactly once, with the checkpoint', async () => {
    const tally = new EventTallyProjection();
    // No time budget: with every event already stored, the batches are exactly 500 events.
    const host = fx.host([asProjection(tally), asProjection(new CaseSummaryProjection(fx.store, definitionFor))], 'batch-test', { ...FAST_TUNING, batchBudgetMs: 60_000 });
    await host.start();
    expect(await host.waitFor(head, 60_000)).toBe(true);

    expect(await fx.rows('event_tallies')).toEqual(expectedTallies(await fx.store.readAll()));
    expect((await fx.rows('case_summaries')).length).toBe(200);
    const status = host.statuses().find((s) => s.name === 'event-tally')!;
    expect(status).toMatchObject({ state: 'running', position: head, eventsApplied: head, batches: Math.ceil(head / 500) });
    await host.stop();
  }, 120_000);

  describe('when a projection fails on an event', () => {
    it('stops right before it, records {projection, position, event type, error}, and never skips it', async () => {
      const events = await fx.store.readAll();
      const bad = events[1_234]!; // in the middle of the third batch
      const failing = new EventTallyProjection({ failsOn: (e) => e.position === bad.position }, 'failing-tally');
      await ensureProjectionTables(fx.db, [asProjection(failing)]);
      await sql`DELETE FROM event_tallies`.execute(fx.db); // the first test's tally shares the table
      const host = fx.host([asProjection(failing)], 'failure-test');
      await host.start();
      await eventually(() => host.statuses()[0]!.state === 'failed', 'the projection stops');

      const failure = { projection: 'failing-tally', position: bad.position, eventType: bad.type, error: `cannot tally ${bad.type}` };
      expect(host.statuses()[0]).toMatchObject({ position: events[1_233]!.position, failure });
      // Everything before the event is applied, nothing after it.
      expect(await fx.rows('event_tallies')).toEqual(expectedTallies(events, events[1_233]!.position));
      expect(await host.failures()).toEqual([failure]);
      expect(await host.waitFor(bad.position, 5_000)).toBe(false);
      expect(await host.waitFor(events[1_233]!.position, 5_000)).toBe(true);

      // Status, from any process, shows the stop and the holder.
      const locks = createProjectionLocks(fx.db, fx.target, 'status-reader');
      const { projections } = await projectionStatuses(fx.store, fx.db, locks, [asProjection(failing)]);
      expect(projections[0]).toMatchObject({ checkpoint: events[1_233]!.position, lag: head - events[1_233]!.position, holder: 'failure-test', stopped: failure });
      await locks.close();
      await host.stop();
      expect(await fx.rows('event_tallies')).toEqual(expectedTallies(events, events[1_233]!.position));
    }, 60_000);

    it('resumes from the event once the projection is fixed, and clears the stop', async () => {
      const fixed = new EventTallyProjection({}, 'failing-tally');
      const host = fx.host([asProjection(fixed)], 'fixed-test');
      await host.start();
      expect(await host.waitFor(head, 30_000)).toBe(true);
      expect(await fx.rows('event_tallies')).toEqual(expectedTallies(await fx.store.readAll()));
      expect(fixed.applied).toBe(head - 1_234); // from the event it stopped on (index 1,234) to the end
      expect(await host.failures()).toEqual([]);
      await host.stop();
    }, 60_000);
  });
});
