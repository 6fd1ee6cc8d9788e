import { Kysely } from 'kysely';
import { RecordedEvent } from '@casetrail/event-store';
import { generateCasework } from '../../../../tests/projections/support/casework';
import { describeOnEachDialect, eventually, openFixture, ProjectionFixture } from '../../../../tests/projections/support/projection-fixture';
import { Projection, ProjectionContext, TableNames } from '../projection';
import { createProjectionLocks } from './projection-locks';
import { rebuildProjection } from './rebuild';
import { ShadowBuildFailedError } from './shadow-build';

type BulkTables = { bulk_rows: { event_position: number; stream_id: string | null } };

/**
 * Writes one row per event in one multi-row INSERT; the row of the bad event breaks a NOT NULL
 * constraint, so the statement fails for the whole batch without saying which event is at fault.
 */
class BulkRowsProjection implements Projection<BulkTables> {
  readonly tables = ['bulk_rows'] as const;

  constructor(
    readonly name: string,
    private readonly badPosition: number,
  ) {}

  async createTables(db: Kysely<BulkTables>, names: TableNames<BulkTables>): Promise<void> {
    await db.schema
      .createTable(names.table('bulk_rows'))
      .ifNotExists()
      .addColumn('event_position', 'bigint', (c) => c.primaryKey())
      .addColumn('stream_id', 'varchar(200)', (c) => c.notNull())
      .execute();
  }

  apply(ctx: ProjectionContext<BulkTables>, event: RecordedEvent): Promise<void> {
    return this.applyBatch(ctx, [event]);
  }

  async applyBatch({ trx, table }: ProjectionContext<BulkTables>, events: readonly RecordedEvent[]): Promise<void> {
    await trx
      .insertInto(table('bulk_rows'))
      .values(events.map((e) => ({ event_position: e.position, stream_id: e.position === this.badPosition ? null : e.streamId })))
      .execute();
  }
}

/**
 * Rule: when a projection's bulk apply fails without naming its event, the runner (live or
 * rebuilding) finds the event by applying the batch one event at a time, and stops right before
 * it, reporting that event's position and type: never the first event of the batch.
 */
describeOnEachDialect('a bulk apply that fails without naming its event', (dialect) => {
  let fx: ProjectionFixture;
  let events: RecordedEvent[];
  let bad: RecordedEvent;
  beforeAll(async () => {
    fx = await openFixture(dialect);
    await generateCasework(fx.store, 30); // 330 events over 30 interleaved streams
    events = await fx.store.readAll();
    bad = events[217]!; // inside the first batch of 500, far from its first event
  }, 60_000);
  afterAll(() => fx.close());

  it('stops the live projection right before the event at fault, with its position and type', async () => {
    const projection = new BulkRowsProjection('bulk-live', bad.position);
    const host = fx.host([projection as unknown as Projection<unknown>], 'bulk-failure-test');
    await host.start();
    await eventually(() => host.statuses()[0]!.state === 'failed', 'the projection stops');
    expect(host.statuses()[0]).toMatchObject({ position: events[216]!.position, failure: { projection: 'bulk-live', position: bad.position, eventType: bad.type } });
    expect((await fx.rows('bulk_rows')).map((r) => Number(r.event_position))).toEqual(events.slice(0, 217).map((e) => e.position));
    await host.stop();
  }, 60_000);

  it('aborts a rebuild naming the event at fault', async () => {
    const projection = new BulkRowsProjection('bulk-rebuild', bad.position);
    const locks = createProjectionLocks(fx.db, fx.target, 'bulk-rebuild-test');
    try {
      const rebuild = rebuildProjection({ store: fx.store, db: fx.db, locks, projection: projection as unknown as Projection<unknown> });
      await expect(rebuild).rejects.toBeInstanceOf(ShadowBuildFailedError);
      await expect(rebuild).rejects.toMatchObject({ failure: { projection: 'bulk-rebuild', position: bad.position, eventType: bad.type } });
    } finally {
      await locks.close();
    }
  }, 60_000);

  it('aborts a rebuild naming the event at fault when its transaction took several read batches', async () => {
    const projection = new BulkRowsProjection('bulk-rebuild-pages', bad.position);
    const locks = createProjectionLocks(fx.db, fx.target, 'bulk-rebuild-pages-test');
    try {
      // Pages of 40: the failing transaction spans several of them, all read again one event at a time.
      const rebuild = rebuildProjection({ store: fx.store, db: fx.db, locks, projection: projection as unknown as Projection<unknown>, batchSize: 40 });
      await expect(rebuild).rejects.toMatchObject({ failure: { projection: 'bulk-rebuild-pages', position: bad.position, eventType: bad.type } });
    } finally {
      await locks.close();
    }
  }, 60_000);
});
