import { EventStore } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { Projection } from '../projection';
import { readCheckpoint } from './checkpoints';
import { readFailures } from './failures';
import { handoverRequestedBy } from './handover';
import { ProjectionFailure } from './projection-failure';
import { ProjectionLocks } from './projection-lock';

/** One projection as an operator sees it, from any process: what `projections status` prints. */
export interface ProjectionStatus {
  name: string;
  checkpoint: number;
  /** Head position minus checkpoint: how far behind the store it is (an upper bound on events). */
  lag: number;
  /** The process applying its events now, or null when none is. */
  holder: string | null;
  /** The event it stopped on, or null while it is healthy. */
  stopped: ProjectionFailure | null;
  /** A rebuild or verify that has asked the runners to let go, or null. */
  rebuildBy: string | null;
}

export async function projectionStatuses(
  store: EventStore,
  db: CasetrailDatabase,
  locks: ProjectionLocks,
  projections: Projection<unknown>[],
): Promise<{ head: number; projections: ProjectionStatus[] }> {
  const [head, failures] = await Promise.all([store.headPosition(), readFailures(db)]);
  const statuses = [];
  for (const { name } of projections) {
    const checkpoint = await readCheckpoint(db, name);
    statuses.push({
      name,
      checkpoint,
      lag: Math.max(0, head - checkpoint),
      holder: await locks.holderOf(name),
      stopped: failures.get(name) ?? null,
      rebuildBy: await handoverRequestedBy(db, name),
    });
  }
  return { head, projections: statuses };
}
