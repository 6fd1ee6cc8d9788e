import { moveCheckpoint } from './checkpoints';
import { clearFailure } from './failures';
import { ShadowPassOptions, throughShadow } from './shadow-pass';
import { swapShadowIntoLive } from './table-swap';

export interface RebuildResult {
  projection: string;
  /** The checkpoint set with the swap: the last event the new tables include. */
  checkpoint: number;
  events: number;
  elapsedMs: number;
}

export type ProjectionRebuild = ShadowPassOptions;

/**
 * Replays every event into shadow tables while the live runner carries on, then takes the
 * projection's lock, applies what arrived meanwhile, and in one transaction swaps the shadows in
 * and sets the checkpoint to where the shadows end. Readers keep the old rows until that commit.
 * A failing event aborts the rebuild (ShadowBuildFailedError) and leaves the live tables alone.
 */
export async function rebuildProjection(options: ProjectionRebuild): Promise<RebuildResult> {
  const { store, db, projection } = options;
  return throughShadow(options, {
    until: () => store.headPosition(),
    swapsIn: true,
    finish: async ({ reached: checkpoint }, progress) => {
      await db.transaction().execute(async (trx) => {
        await swapShadowIntoLive(trx, projection);
        await moveCheckpoint(trx, projection.name, checkpoint);
        await clearFailure(trx, projection.name);
      });
      return { projection: projection.name, checkpoint, events: progress.applied, elapsedMs: progress.elapsedMs() };
    },
  });
}
