import { EventStore } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { Projection } from '../projection';
import { moveCheckpoint } from './checkpoints';
import { whileRunnersYield, withRebuildSlot } from './exclusive-access';
import { clearFailure } from './failures';
import { ProjectionLocks } from './projection-lock';
import { DEFAULT_REBUILD_SETTINGS, progressTracker, RebuildSettings } from './rebuild-progress';
import { buildShadow, ShadowBuild } from './shadow-build';
import { createShadowTables, dropShadowTables, swapShadowIntoLive } from './table-swap';

export interface RebuildResult {
  projection: string;
  /** The checkpoint set with the swap: the last event the new tables include. */
  checkpoint: number;
  events: number;
  elapsedMs: number;
}

export interface ProjectionRebuild extends RebuildSettings {
  store: EventStore;
  db: CasetrailDatabase;
  locks: ProjectionLocks;
  projection: Projection<unknown>;
}

/**
 * Replays every event into shadow tables while the live runner carries on, then takes the
 * projection's lock, applies what arrived meanwhile, and in one transaction swaps the shadows in
 * and sets the checkpoint to where the shadows end. Readers keep the old rows until that commit.
 * A failing event aborts the rebuild (ShadowBuildFailedError) and leaves the live tables alone.
 */
export async function rebuildProjection(options: ProjectionRebuild): Promise<RebuildResult> {
  const { store, db, locks, projection } = options;
  const settings = { ...DEFAULT_REBUILD_SETTINGS, ...options };
  const progress = progressTracker(projection.name, options.onProgress);
  const build = (onBatch: ShadowBuild<unknown>['onBatch']): ShadowBuild<unknown> => ({
    store,
    db,
    projection,
    batchSize: settings.batchSize,
    budgetMs: settings.budgetMs,
    onBatch,
  });
  return withRebuildSlot(locks, projection.name, async () => {
    await createShadowTables(db, projection);
    let swapped = false;
    try {
      const head = await store.headPosition();
      const built = await buildShadow(build(progress.phase('building', head)), 0, head);
      return await whileRunnersYield(db, locks, projection.name, settings.lockTimeoutMs, async () => {
        const latest = await store.headPosition();
        const checkpoint = await buildShadow(build(progress.phase('catching-up', latest)), built, latest);
        await db.transaction().execute(async (trx) => {
          await swapShadowIntoLive(trx, projection);
          await moveCheckpoint(trx, projection.name, checkpoint);
          await clearFailure(trx, projection.name);
        });
        swapped = true;
        return { projection: projection.name, checkpoint, events: progress.applied, elapsedMs: progress.elapsedMs() };
      });
    } finally {
      if (!swapped) await dropShadowTables(db, projection);
    }
  });
}
