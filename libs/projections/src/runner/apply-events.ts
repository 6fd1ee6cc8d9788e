import { Kysely, Transaction } from 'kysely';
import { RecordedEvent } from '@casetrail/event-store';
import { CasetrailTables } from '@casetrail/persistence';
import { EventFailed, Projection, TableNames } from '../projection';

/** Events handed to a projection's `applyBatch` at once (a batch commits in one or more of them). */
export const APPLY_CHUNK = 1000;

/**
 * An event a projection could not apply; `index` is its place in the batch. `exact` is false when
 * a bulk apply failed without naming its event: `event` is then the first of the events it was
 * given, and applying them one at a time (`chunkSize` 1) finds the one at fault.
 */
export class EventNotApplied extends Error {
  constructor(
    readonly index: number,
    readonly event: RecordedEvent,
    override readonly cause: unknown,
    readonly exact = true,
  ) {
    super(`${event.type} at position ${event.position}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'EventNotApplied';
  }
}

export interface AppliedEvents {
  /** How many of the events, from the first, were applied. */
  applied: number;
  /** Position of the last applied event, or undefined when none was. */
  lastPosition?: number;
}

/** The same connection, typed with the projection's own tables (Kysely types one schema per handle). */
export function asProjectionDb<Tables>(db: Kysely<CasetrailTables>): Kysely<Tables> {
  return db as unknown as Kysely<Tables>;
}

/**
 * Applies events in order inside the caller's transaction: through the projection's `applyBatch`
 * in chunks of `chunkSize` when it has one, else event by event. Stops early once `budgetMs` has
 * been spent, so a batch never holds SQLite's single write lock (or PostgreSQL row locks) for
 * long; the caller commits what was applied and carries on with the rest.
 */
export async function applyEvents<Tables>(
  trx: Transaction<CasetrailTables>,
  projection: Projection<Tables>,
  names: TableNames<Tables>,
  events: readonly RecordedEvent[],
  budgetMs = Number.POSITIVE_INFINITY,
  chunkSize = APPLY_CHUNK,
): Promise<AppliedEvents> {
  const context = { trx: trx as unknown as Transaction<Tables>, ...names };
  const started = Date.now();
  let applied = 0;
  while (applied < events.length) {
    const chunk = events.slice(applied, applied + (projection.applyBatch ? chunkSize : 1));
    try {
      if (projection.applyBatch) await projection.applyBatch(context, chunk);
      else await projection.apply(context, chunk[0]!);
    } catch (error) {
      throw notApplied(error, applied, chunk);
    }
    applied += chunk.length;
    if (Date.now() - started >= budgetMs) break;
  }
  return { applied, ...(applied > 0 ? { lastPosition: events[applied - 1]!.position } : {}) };
}

function notApplied(error: unknown, offset: number, chunk: readonly RecordedEvent[]): EventNotApplied {
  const named = error instanceof EventFailed ? chunk.indexOf(error.event) : -1;
  if (named >= 0) return new EventNotApplied(offset + named, chunk[named]!, (error as EventFailed).cause);
  return new EventNotApplied(offset, chunk[0]!, error, chunk.length === 1);
}
