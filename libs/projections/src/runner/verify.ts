import { readCheckpoint } from './checkpoints';
import { ShadowPassOptions, throughShadow } from './shadow-pass';
import { diffTables, RowDifference } from './table-diff';
import { liveTableNames, shadowTableNames } from './table-names';

export interface VerifyResult {
  projection: string;
  /** The position both sides were compared at: the live checkpoint. */
  checkpoint: number;
  /** Distinct keys looked at, over all the projection's tables. */
  rowsCompared: number;
  differences: RowDifference[];
}

export type ProjectionVerify = ShadowPassOptions;

/**
 * Rebuilds into shadow tables up to the live checkpoint, holding the projection's lock for the
 * last stretch so the live side stands still, compares them row by row, and drops the shadows.
 * A difference means the live tables were changed behind the runner's back, or the projection
 * is not deterministic.
 */
export async function verifyProjection(options: ProjectionVerify): Promise<VerifyResult> {
  const { db, projection } = options;
  return throughShadow(options, {
    until: () => readCheckpoint(db, projection.name),
    swapsIn: false,
    finish: async ({ target: checkpoint }) => {
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
    },
  });
}
