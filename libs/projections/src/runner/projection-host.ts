import { EventStore, Subscription } from '@casetrail/event-store';
import { CasetrailDatabase, DatabaseTarget } from '@casetrail/persistence';
import { Projection } from '../projection';
import { ProjectionRunner, RunnerMode, RunnerStatus, RunnerTuning } from '../projection-runner';
import { readFailures } from './failures';
import { ProjectionFailure } from './projection-failure';
import { ProjectionLocks } from './projection-lock';
import { createProjectionLocks } from './projection-locks';
import { ensureProjectionTables } from './runner-tables';
import { LeaseTiming } from './sqlite-leases';

export interface ProjectionHostOptions {
  store: EventStore;
  db: CasetrailDatabase;
  /** The database behind `db`: PostgreSQL locks need a connection of their own. */
  target: DatabaseTarget;
  projections: Projection<unknown>[];
  /** Unique per process, e.g. processOwner('api'): status shows it as the holder. */
  owner: string;
  mode: RunnerMode;
  tuning?: Partial<RunnerTuning>;
  leaseTiming?: LeaseTiming;
}

/**
 * Runs (or follows) every read model in one process: the API in the embedded default, the
 * worker when CASETRAIL_PROJECTIONS=worker. One subscription wakes every runner when events are
 * appended; each runner reads and applies on its own, so a slow or stopped projection does not
 * hold the others back.
 */
export class ProjectionHost {
  private readonly locks?: ProjectionLocks;
  private readonly runners: ProjectionRunner<unknown>[];
  private wakeUp?: Subscription;

  constructor(private readonly options: ProjectionHostOptions) {
    const { store, db, target, owner, mode, tuning } = options;
    const locks = mode === 'run' ? createProjectionLocks(db, target, owner, options.leaseTiming) : undefined;
    this.locks = locks;
    this.runners = options.projections.map(
      (projection) =>
        new ProjectionRunner(store, db, projection, locks ? { mode: 'run', owner, lock: locks.lockFor(projection.name), tuning } : { mode: 'follow', owner, tuning }),
    );
  }

  /** Creates every read model's tables (so readers never meet a missing table), then starts the runners. */
  async start(): Promise<void> {
    const { store, db, projections } = this.options;
    await ensureProjectionTables(db, projections);
    this.wakeUp = store.subscribeToAll({
      after: await store.headPosition(),
      // Only a doorbell: each runner reads the events itself, from its own checkpoint.
      onEvent: () => this.runners.forEach((runner) => runner.notify()),
    });
    await Promise.all(this.runners.map((runner) => runner.start()));
  }

  async stop(): Promise<void> {
    await this.wakeUp?.stop();
    await Promise.all(this.runners.map((runner) => runner.stop()));
    await this.locks?.close();
  }

  /**
   * Resolves true once the named projections (default: all) have applied everything up to
   * `position`, false after `timeoutMs` or as soon as one of them is stopped on a failure.
   */
  waitFor(position: number, timeoutMs: number, names?: readonly string[]): Promise<boolean> {
    const runners = names ? this.runners.filter((r) => names.includes(r.name)) : this.runners;
    return new Promise((resolve) => {
      let waiting = runners.length;
      if (waiting === 0) resolve(true);
      runners.forEach((runner) =>
        void runner.waitFor(position, timeoutMs).then((reached) => {
          if (!reached) resolve(false); // one stopped or late projection decides at once
          else if ((waiting -= 1) === 0) resolve(true);
        }),
      );
    });
  }

  statuses(): RunnerStatus[] {
    return this.runners.map((runner) => runner.status());
  }

  /** Stops recorded by any process, for the projections this host knows: what readiness reports. */
  async failures(): Promise<ProjectionFailure[]> {
    const recorded = await readFailures(this.options.db);
    return this.runners.map((runner) => recorded.get(runner.name) ?? runner.status().failure).filter((f): f is ProjectionFailure => f !== undefined);
  }
}
