import { Kysely, Transaction } from 'kysely';
import { RecordedEvent } from '@casetrail/event-store';
import { CasetrailTables } from '@casetrail/persistence';
import { Projection, TableNames } from '../projection';

/** An event a projection could not apply; `index` is its place in the batch. */
export class EventNotApplied extends Error {
  constructor(
    readonly index: number,
    readonly event: RecordedEvent,
    override readonly cause: unknown,
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
 * Applies events in order inside the caller's transaction. Stops early once `budgetMs` has been
 * spent, so a batch never holds SQLite's single write lock (or PostgreSQL row locks) for long;
 * the caller commits what was applied and carries on with the rest.
 */
export async function applyEvents<Tables>(
  trx: Transaction<CasetrailTables>,
  projection: Projection<Tables>,
  names: TableNames<Tables>,
  events: readonly RecordedEvent[],
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<AppliedEvents> {
  const context = { trx: trx as unknown as Transaction<Tables>, ...names };
  const started = Date.now();
  let applied = 0;
  for (const event of events) {
    try {
      await projection.apply(context, event);
    } catch (error) {
      throw new EventNotApplied(applied, event, error);
    }
    applied += 1;
    if (Date.now() - started >= budgetMs) break;
  }
  return { applied, ...(applied > 0 ? { lastPosition: events[applied - 1]!.position } : {}) };
}
