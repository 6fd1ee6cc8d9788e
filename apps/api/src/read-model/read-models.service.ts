import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@casetrail/event-store';
import { CasetrailDatabase, createDatabase } from '@casetrail/persistence';
import { allProjections, databaseTargetOf, processOwner, ProjectionFailure, ProjectionHost, RunnerStatus } from '@casetrail/projections';
import { CASETRAIL_CONFIG, CasetrailConfig } from '@casetrail/shared';
import { CaseTypes } from '../cases/case-types';
import { DATABASE } from '../persistence/database.module';
import { readNotCaughtUp } from '../problems/http-errors';

/** How long a query with `?consistentWith=` waits for the read models before answering 503. */
const CONSISTENCY_WAIT_MS = 2000;

/**
 * Every read model, for this process. With CASETRAIL_PROJECTIONS=api (the embedded default) the
 * API runs the projections; with `worker` it only follows the checkpoints the worker moves, so
 * `consistentWith` still waits for the right thing.
 */
@Injectable()
export class ReadModels implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly host: ProjectionHost;
  /** A connection of the runners' own, when they have one (PostgreSQL). */
  private readonly ownConnection?: CasetrailDatabase;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(DATABASE) db: CasetrailDatabase,
    @Inject(CASETRAIL_CONFIG) config: CasetrailConfig,
    caseTypes: CaseTypes,
  ) {
    const target = databaseTargetOf(config);
    // PostgreSQL: a pool of their own that commits without waiting for the WAL flush (a read
    // model is rebuilt from the events). SQLite: the API's own connection, never a second one —
    // a write transaction open on another connection of this process across an await makes this
    // connection's writes wait synchronously, blocking the very event loop that would end it.
    this.ownConnection = target.dialect === 'postgres' ? createDatabase(target, { durability: 'rebuildable' }) : undefined;
    this.host = new ProjectionHost({
      store,
      db: this.ownConnection ?? db,
      target,
      projections: allProjections({ store, definitionFor: (streamId) => caseTypes.forCase(streamId) }),
      owner: processOwner('api'),
      mode: config.CASETRAIL_PROJECTIONS === 'api' ? 'run' : 'follow',
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.host.start();
  }

  // Before the database closes in onApplicationShutdown: a runner mid-batch needs it to finish.
  async beforeApplicationShutdown(): Promise<void> {
    await this.host.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ownConnection?.destroy();
  }

  /** Waits until the read models (default: all) have applied everything up to `position`. */
  waitFor(position: number, timeoutMs: number, projections?: readonly string[]): Promise<boolean> {
    return this.host.waitFor(position, timeoutMs, projections);
  }

  /** For `?consistentWith=`: returns once the read models hold that position, or throws 503 with Retry-After. */
  async consistentWith(position: number | undefined, projections?: readonly string[]): Promise<void> {
    if (position !== undefined && !(await this.waitFor(position, CONSISTENCY_WAIT_MS, projections))) throw readNotCaughtUp(position);
  }

  statuses(): RunnerStatus[] {
    return this.host.statuses();
  }

  /** Projections stopped on an event, recorded by this process or another: readiness reports them. */
  failures(): Promise<ProjectionFailure[]> {
    return this.host.failures();
  }
}
