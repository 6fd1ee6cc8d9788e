import { setImmediate } from 'node:timers/promises';
import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { Projection } from '../projection';
import { applyEvents, EventNotApplied } from './apply-events';
import { describeError, ProjectionFailure } from './projection-failure';
import { shadowTableNames } from './table-names';

/** A rebuild or verify met an event the projection cannot apply; nothing was swapped. */
export class ShadowBuildFailedError extends Error {
  constructor(readonly failure: ProjectionFailure) {
    super(`${failure.projection} failed on ${failure.eventType} at position ${failure.position}: ${failure.error}`);
    this.name = 'ShadowBuildFailedError';
  }
}

export interface ShadowBuild<Tables> {
  store: EventStore;
  db: CasetrailDatabase;
  projection: Projection<Tables>;
  batchSize: number;
  /** Per transaction: keeps SQLite's write lock free for the API's appends between batches. */
  budgetMs: number;
  /** After each committed batch: how many events it applied and the position reached. */
  onBatch(applied: number, position: number): void;
}

/**
 * Applies the events after `from`, up to and including `upTo`, to the shadow tables, one
 * transaction per batch (a rebuild that dies starts again from an empty shadow, so it keeps no
 * checkpoint of its own). The next batch is read while this one is applied. Returns the last
 * position applied, or `from` when there was nothing.
 */
export async function buildShadow<Tables>(build: ShadowBuild<Tables>, from: number, upTo: number): Promise<number> {
  const { store, db, projection } = build;
  const names = shadowTableNames<Tables>();
  const read = (after: number) =>
    after >= upTo ? Promise.resolve([]) : store.readAll({ after, maxCount: build.batchSize }).then((events) => events.filter((e) => e.position <= upTo));
  let position = from;
  let events: readonly RecordedEvent[] = await read(from);
  while (events.length > 0) {
    const next = read(events.at(-1)!.position);
    // A rejected prefetch would otherwise go unhandled while this batch fails.
    next.catch(() => undefined);
    let pending = events;
    while (pending.length > 0) {
      const apply = (chunkSize?: number) => db.transaction().execute((trx) => applyEvents(trx, projection, names, pending, build.budgetMs, chunkSize));
      const done = await apply()
        // A bulk apply that failed without naming its event: one event at a time finds it.
        .catch((error: unknown) => (error instanceof EventNotApplied && !error.exact ? apply(1) : Promise.reject(error)))
        .catch((error: unknown) => {
          if (!(error instanceof EventNotApplied)) throw error;
          throw new ShadowBuildFailedError({ projection: projection.name, position: error.event.position, eventType: error.event.type, error: describeError(error.cause) });
        });
      pending = pending.slice(done.applied);
      position = done.lastPosition ?? position;
      build.onBatch(done.applied, position);
      await setImmediate(); // let the process breathe between batches (timers, the lease renewal)
    }
    events = await next;
  }
  return position;
}
