/** Where a rebuild or verify is, for a progress bar. */
export interface RebuildProgress {
  projection: string;
  /** building: the shadow, from the first event, while the live runner carries on; catching-up: with the lock held. */
  phase: 'building' | 'catching-up';
  /** Last position applied to the shadow. */
  position: number;
  /** The position this phase goes to. */
  target: number;
  /** Events applied to the shadow so far. */
  applied: number;
  elapsedMs: number;
}

export interface RebuildSettings {
  /** Events read per batch. */
  batchSize?: number;
  /** Per shadow transaction (see ShadowBuild.budgetMs). */
  budgetMs?: number;
  /** How long to wait for the runners to let go of the projection. */
  lockTimeoutMs?: number;
  onProgress?: (progress: RebuildProgress) => void;
}

export const DEFAULT_REBUILD_SETTINGS = { batchSize: 1_000, budgetMs: 500, lockTimeoutMs: 30_000 };

/** Counts applied events across phases and reports each batch. */
export function progressTracker(projection: string, onProgress: RebuildSettings['onProgress']) {
  const started = Date.now();
  let applied = 0;
  return {
    get applied() {
      return applied;
    },
    elapsedMs: () => Date.now() - started,
    phase(phase: RebuildProgress['phase'], target: number) {
      return (count: number, position: number) => {
        applied += count;
        onProgress?.({ projection, phase, position, target, applied, elapsedMs: Date.now() - started });
      };
    },
  };
}
