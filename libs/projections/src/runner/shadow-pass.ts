import { EventStore } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { Projection } from '../projection';
import { whileRunnersYield, withRebuildSlot } from './exclusive-access';
import { ProjectionLocks } from './projection-lock';
import { DEFAULT_REBUILD_SETTINGS, progressTracker, RebuildSettings } from './rebuild-progress';
import { buildShadow } from './shadow-build';
import { createShadowTables, dropShadowTables, readyShadowForReaders } from './table-swap';

export interface ShadowPassOptions extends RebuildSettings {
  store: EventStore;
  db: CasetrailDatabase;
  locks: ProjectionLocks;
  projection: Projection<unknown>;
}

export interface ShadowPass<T> {
  /** How far to build: asked once before the lock, and again once it is held. */
  until(): Promise<number>;
  /** With the lock still held: `target` is the second `until()`, `reached` the last event built. */
  finish(built: { target: number; reached: number }, progress: ReturnType<typeof progressTracker>): Promise<T>;
  /** The shadows became the live tables in `finish`: they are not dropped once it succeeded. */
  swapsIn: boolean;
}

/**
 * What rebuild and verify share: shadow tables built from the first event while the live runner
 * carries on, then the projection's lock taken so the live side stands still, the last stretch
 * built, and `finish` run under the lock. The shadows are dropped afterwards, or on any failure.
 */
export async function throughShadow<T>(options: ShadowPassOptions, pass: ShadowPass<T>): Promise<T> {
  const { store, db, locks, projection } = options;
  const settings = { ...DEFAULT_REBUILD_SETTINGS, ...options };
  const progress = progressTracker(projection.name, options.onProgress);
  const build = (phase: 'building' | 'catching-up', from: number, upTo: number) =>
    buildShadow({ store, db, projection, batchSize: settings.batchSize, budgetMs: settings.budgetMs, onBatch: progress.phase(phase, upTo) }, from, upTo);
  return withRebuildSlot(locks, projection.name, async () => {
    await createShadowTables(db, projection);
    let finished = false;
    try {
      const built = await build('building', 0, await pass.until());
      // Before the lock: the live runners carry on meanwhile, and the last stretch keeps them up to date.
      if (pass.swapsIn) await readyShadowForReaders(db, projection);
      return await whileRunnersYield(db, locks, projection.name, settings.lockTimeoutMs, async () => {
        const target = await pass.until();
        const reached = await build('catching-up', built, target);
        const result = await pass.finish({ target, reached }, progress);
        finished = true;
        return result;
      });
    } finally {
      if (!(finished && pass.swapsIn)) await dropShadowTables(db, projection);
    }
  });
}
