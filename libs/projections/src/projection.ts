import { Kysely, Transaction } from 'kysely';
import { RecordedEvent } from '@casetrail/event-store';

/**
 * Where a projection writes: its live tables, or their shadows while it is rebuilt. A projection
 * never spells a table name itself; it asks `table('case_summaries')` for the physical name.
 */
export interface TableNames<Tables> {
  table<K extends keyof Tables & string>(logical: K): K;
  /** A name for an index on one of the tables, unique to this physical table. */
  index(logical: keyof Tables & string, suffix: string): string;
}

/**
 * Which part of a projection's schema `createTables` makes. `all`: the tables and every index.
 * `apply`: the tables, their keys and the indexes the projection's own statements find rows by,
 * without those only the queries use. A rebuild fills its shadow so and then creates the rest
 * (`all` again: every statement is IF NOT EXISTS): one sort per index, instead of updating every
 * index for every row written, which was most of a rebuild's SQLite write time.
 */
export type SchemaPart = 'all' | 'apply';

export interface ProjectionContext<Tables> extends TableNames<Tables> {
  /** The transaction that also moves the projection's checkpoint. */
  trx: Transaction<Tables>;
}

/**
 * A read model fed from the store's subscribe-to-all. Each event's effect and the checkpoint
 * commit together, so `apply` must do all its work through `ctx.trx`, and be deterministic:
 * a rebuild from position 0 must produce the same rows (projections verify).
 */
export interface Projection<Tables = unknown> {
  readonly name: string;
  /** The tables this projection owns; a rebuild replaces exactly these. */
  readonly tables: readonly (keyof Tables & string)[];
  /** Creates the tables and their indexes (`part` of them, default all) under the given names if they do not exist. */
  createTables(db: Kysely<Tables>, names: TableNames<Tables>, part?: SchemaPart): Promise<void>;
  apply(ctx: ProjectionContext<Tables>, event: RecordedEvent): Promise<void>;
  /**
   * Optional: the same effect as `apply` on each event in turn, done in bulk (each case folded
   * once, rows written in multi-row statements). The runner prefers it when present. An error
   * that belongs to one event is thrown as EventFailed naming it; any other error makes the
   * runner apply the events one at a time to find the event at fault.
   */
  applyBatch?(ctx: ProjectionContext<Tables>, events: readonly RecordedEvent[]): Promise<void>;
}

/** Thrown by `applyBatch`: this event (one of the batch) could not be applied. */
export class EventFailed extends Error {
  constructor(
    readonly event: RecordedEvent,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'EventFailed';
  }
}

/** `apply` of a projection that works in batches: its batch of one, failing with the event's own error. */
export async function asOneEvent(batchOfOne: Promise<void>): Promise<void> {
  try {
    await batchOfOne;
  } catch (error) {
    throw error instanceof EventFailed ? error.cause : error;
  }
}
