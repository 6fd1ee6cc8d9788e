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
 * Applies the events after `from`, up to and including `upTo`, to the shadow tables (a rebuild
 * that dies starts again from an empty shadow, so it keeps no checkpoint of its own). Events are
 * read `batchSize` at a time, the next batch while one is applied; one transaction takes batch
 * after batch until it has spent `budgetMs`. Nothing waits on a shadow, so the budget, not the
 * read batch, sets how often it commits: each commit writes every page it touched, and on SQLite
 * a shadow's commits of one read batch each had cost about a fifth of a rebuild. Returns the last
 * position applied, or `from` when there was nothing.
 */
export async function buildShadow<Tables>(build: ShadowBuild<Tables>, from: number, upTo: number): Promise<number> {
  const { db, projection } = build;
  const names = shadowTableNames<Tables>();
  const source = readAhead(build, from, upTo);
  let position = from;
  let left: readonly RecordedEvent[] = [];
  for (;;) {
    // The last event this transaction took: a bulk apply that failed without naming its event reads them again, one at a time.
    let lastTaken = position;
    const inBudget = () =>
      db.transaction().execute(async (trx) => {
        const started = Date.now();
        let applied = 0;
        for (let events = left.length > 0 ? left : await source.next(); events.length > 0; events = await source.next()) {
          lastTaken = events.at(-1)!.position;
          const done = await applyEvents(trx, projection, names, events, build.budgetMs - (Date.now() - started));
          applied += done.applied;
          if (done.applied < events.length) return { applied, left: events.slice(done.applied), reached: done.lastPosition ?? position };
          if (Date.now() - started >= build.budgetMs) break;
        }
        return { applied, left: [], reached: lastTaken };
      });
    const oneByOne = () =>
      db.transaction().execute(async (trx) => {
        let applied = 0;
        for (let after = position; after < lastTaken; ) {
          const events = (await build.store.readAll({ after, maxCount: build.batchSize })).filter((e) => e.position <= lastTaken);
          if (events.length === 0) break;
          applied += (await applyEvents(trx, projection, names, events, Number.POSITIVE_INFINITY, 1)).applied;
          after = events.at(-1)!.position;
        }
        return { applied, left: [], reached: lastTaken };
      });
    const done = await inBudget()
      .catch((error: unknown) => (error instanceof EventNotApplied && !error.exact ? oneByOne() : Promise.reject(error)))
      .catch((error: unknown) => {
        if (!(error instanceof EventNotApplied)) throw error;
        throw new ShadowBuildFailedError({ projection: projection.name, position: error.event.position, eventType: error.event.type, error: describeError(error.cause) });
      });
    if (done.applied === 0) return position;
    left = done.left;
    position = done.reached;
    build.onBatch(done.applied, position);
    await setImmediate(); // let the process breathe between transactions (timers, the lease renewal)
  }
}

/** The events after `from` up to `upTo`, a batch at a time, the next one read while this one is applied; [] at the end. */
function readAhead(build: Pick<ShadowBuild<unknown>, 'store' | 'batchSize'>, from: number, upTo: number): { next(): Promise<readonly RecordedEvent[]> } {
  const read = (after: number): Promise<readonly RecordedEvent[]> => {
    if (after >= upTo) return Promise.resolve([]);
    const page = build.store.readAll({ after, maxCount: build.batchSize }).then((events) => events.filter((e) => e.position <= upTo));
    // A rejected read-ahead would otherwise go unhandled while the batch before it fails.
    page.catch(() => undefined);
    return page;
  };
  let ahead = read(from);
  return {
    async next() {
      const events = await ahead;
      ahead = events.length > 0 ? read(events.at(-1)!.position) : Promise.resolve([]);
      return events;
    },
  };
}
