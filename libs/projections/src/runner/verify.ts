import { EventStore } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { Projection } from '../projection';
import { readCheckpoint } from './checkpoints';
import { whileRunnersYield, withRebuildSlot } from './exclusive-access';
import { ProjectionLocks } from './projection-lock';
import { DEFAULT_REBUILD_SETTINGS, progressTracker, RebuildSettings } from './rebuild-progress';
import { buildShadow, ShadowBuild } from './shadow-build';
import { diffTables, RowDifference } from './table-diff';
import { createShadowTables, dropShadowTables } from './table-swap';
import { liveTableNames, shadowTableNames } from './table-names';

export interface VerifyResult {
  projection: string;
  /** The position both sides were compared at: the live checkpoint. */
  checkpoint: number;
  /** Distinct keys looked at, over all the projection's tables. */
  rowsCompared: number;
  differences: RowDifference[];
}

export interface ProjectionVerify extends RebuildSettings {
  store: EventStore;
  db: CasetrailDatabase;
  locks: ProjectionLocks;
  projection: Projection<unknown>;
}

/**
 * Rebuilds into shadow tables up to the live checkpoint, holding the projection's lock for the
 * last stretch so the live side stands still, compares them row by row, and drops the shadows.
 * A difference means the live tables were changed behind the runner's back, or the projection
 * is not deterministic.
 */
export async function verifyProjection(options: ProjectionVerify): Promise<VerifyResult> {
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
    try {
      const liveAtStart = await readCheckpoint(db, projection.name);
      const built = await buildShadow(build(progress.phase('building', liveAtStart)), 0, liveAtStart);
      return await whileRunnersYield(db, locks, projection.name, settings.lockTimeoutMs, async () => {
        const checkpoint = await readCheckpoint(db, projection.name);
        await buildShadow(build(progress.phase('catching-up', checkpoint)), built, checkpoint);
        const live = liveTableNames<Record<string, unknown>>();
        const shadow = shadowTableNames<Record<string, unknown>>();
        let rowsCompared = 0;
        const differences: RowDifference[] = [];
        for (const table of projection.tables as readonly string[]) {
          const diff = await diffTables(db, table, live.table(table), shadow.table(table));
          rowsCompared += diff.compared;
          differences.push(...diff.differences);
        }
        return { projection: projection.name, checkpoint, rowsCompared, differences };
      });
    } finally {
      await dropShadowTables(db, projection);
    }
  });
}
