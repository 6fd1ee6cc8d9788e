import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { CASE_TYPES } from '@casetrail/cases';
import { EVENT_STORE, EventStore } from '@casetrail/event-store';
import { CasetrailDatabase, createDatabase, migrateTables } from '@casetrail/persistence';
import { allProjections, caseTypeOfStream, databaseTargetOf, processOwner, ProjectionHost, RunnerStatus } from '@casetrail/projections';
import { CASETRAIL_CONFIG, CasetrailConfig } from '@casetrail/shared';

/**
 * The read models' runners, when CASETRAIL_PROJECTIONS=worker: the same host the API runs in the
 * embedded default. Several workers may run it; each projection's lock lets one apply at a time.
 */
@Injectable()
export class WorkerProjectionsHost implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  /** The read-model database (metrics count the escalation queue there). */
  readonly db: CasetrailDatabase;
  private readonly host: ProjectionHost;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CASETRAIL_CONFIG) config: CasetrailConfig,
    private readonly logger: Logger,
  ) {
    const target = databaseTargetOf(config);
    this.db = createDatabase(target, { durability: 'rebuildable' });
    this.host = new ProjectionHost({
      store,
      db: this.db,
      target,
      projections: allProjections({ store, definitionFor: caseTypeOfStream(CASE_TYPES) }),
      owner: processOwner('worker'),
      mode: 'run',
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await migrateTables(this.db);
    await this.host.start();
    this.logger.log(`projections running: ${this.host.statuses().map((s) => s.name).join(', ')}`);
  }

  statuses(): RunnerStatus[] {
    return this.host.statuses();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.host.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}
