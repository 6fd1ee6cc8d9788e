import { RecordedEvent } from '@casetrail/event-store';
import { CasetrailDatabase, withoutOwnFsync } from '@casetrail/persistence';
import { dialectOf } from './dialect';
import { Projection } from '../projection';
import { applyEvents, EventNotApplied } from './apply-events';
import { claimCheckpoint, moveCheckpoint } from './checkpoints';
import { clearFailure, recordFailure } from './failures';
import { describeError, ProjectionFailure } from './projection-failure';
import { ProjectionLock } from './projection-lock';
import { liveTableNames } from './table-names';
import { isTransient } from './transient-errors';

export type BatchOutcome =
  | { kind: 'applied'; applied: number; checkpoint: number }
  /** The checkpoint was not where this runner left it, or its lease was taken: nothing was applied. */
  | { kind: 'superseded' }
  | { kind: 'failed'; applied: number; checkpoint: number; failure: ProjectionFailure };

export interface LiveBatchTarget<Tables> {
  db: CasetrailDatabase;
  projection: Projection<Tables>;
  lock: ProjectionLock;
  owner: string;
  /** A failure row exists from an earlier stop: the first batch that gets past it deletes it. */
  clearsFailure: boolean;
  budgetMs: number;
}

class Superseded extends Error {}

/**
 * One transaction: claim the checkpoint where this runner expects it, apply as many events as
 * the time budget allows, move the checkpoint to the last of them. Either all of that commits
 * or none of it, so each event has its effect exactly once, even if the process dies mid-batch.
 */
export async function commitLiveBatch<Tables>(
  target: LiveBatchTarget<Tables>,
  checkpoint: number,
  events: readonly RecordedEvent[],
): Promise<BatchOutcome> {
  try {
    const applied = await inBatchTransaction(target, checkpoint, events, target.budgetMs);
    return { kind: 'applied', ...applied };
  } catch (error) {
    if (error instanceof Superseded) return { kind: 'superseded' };
    if (!(error instanceof EventNotApplied) || isTransient(error.cause)) throw error;
    return commitUpToFailure(target, checkpoint, events, error);
  }
}

/**
 * The failed batch rolled back whole; apply the events before the failing one again and record
 * the stop in the same transaction, so the checkpoint ends right before the event at fault. A
 * bulk apply that failed without naming its event is first tried again one event at a time.
 */
async function commitUpToFailure<Tables>(
  target: LiveBatchTarget<Tables>,
  checkpoint: number,
  events: readonly RecordedEvent[],
  failed: EventNotApplied,
): Promise<BatchOutcome> {
  let failing = failed;
  const chunkSize = failed.exact ? undefined : 1;
  if (!failed.exact) {
    try {
      const applied = await inBatchTransaction(target, checkpoint, events, Number.POSITIVE_INFINITY, undefined, 1);
      return { kind: 'applied', ...applied };
    } catch (error) {
      if (error instanceof Superseded) return { kind: 'superseded' };
      if (!(error instanceof EventNotApplied) || isTransient(error.cause)) throw error;
      failing = error;
    }
  }
  for (;;) {
    const failure: ProjectionFailure = {
      projection: target.projection.name,
      position: failing.event.position,
      eventType: failing.event.type,
      error: describeError(failing.cause),
    };
    try {
      const applied = await inBatchTransaction(target, checkpoint, events.slice(0, failing.index), Number.POSITIVE_INFINITY, failure, chunkSize);
      return { kind: 'failed', ...applied, failure };
    } catch (error) {
      if (error instanceof Superseded) return { kind: 'superseded' };
      // A projection that fails earlier on a second try is not deterministic; stop at the earlier event.
      if (!(error instanceof EventNotApplied) || isTransient(error.cause)) throw error;
      failing = error;
    }
  }
}

async function inBatchTransaction<Tables>(
  target: LiveBatchTarget<Tables>,
  checkpoint: number,
  events: readonly RecordedEvent[],
  budgetMs: number,
  failure?: ProjectionFailure,
  chunkSize?: number,
): Promise<{ applied: number; checkpoint: number }> {
  const { projection, lock } = target;
  const inTransaction = (db: CasetrailDatabase) => db.transaction().execute(async (trx) => {
    // The checkpoint first: a competing writer then waits here, before doing any work.
    if (!(await claimCheckpoint(trx, projection.name, checkpoint))) throw new Superseded();
    if (!(await lock.confirm(trx))) throw new Superseded();
    const { applied, lastPosition } = await applyEvents(trx, projection, liveTableNames<Tables>(), events, budgetMs, chunkSize);
    if (lastPosition !== undefined) await moveCheckpoint(trx, projection.name, lastPosition);
    if (failure) await recordFailure(trx, failure, target.owner, new Date());
    else if (target.clearsFailure && applied > 0) await clearFailure(trx, projection.name);
    return { applied, checkpoint: lastPosition ?? checkpoint };
  });
  // SQLite: the batch commits without an fsync of its own, also where the read models share the
  // API's fully durable connection (the embedded default); a power cut loses rows and checkpoint
  // together, and the events are applied again (withoutOwnFsync).
  if (dialectOf(target.db) === 'postgres') return inTransaction(target.db);
  return target.db.connection().execute((connection) => withoutOwnFsync(connection, () => inTransaction(connection)));
}
