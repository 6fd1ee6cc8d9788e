import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { CaseSummaryProjection, CaseSummaryTables, ProjectionRunner } from '@casetrail/projections';
import { CaseTypes } from '../cases/case-types';
import { DATABASE } from '../persistence/database.module';

/** Keeps the case list's read model up to date in this process (the embedded default). */
@Injectable()
export class CaseSummaryReadModel implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runner: ProjectionRunner<CaseSummaryTables>;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(DATABASE) db: CasetrailDatabase, caseTypes: CaseTypes) {
    this.runner = new ProjectionRunner(store, db, new CaseSummaryProjection(store, (streamId) => caseTypes.forCase(streamId)));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.runner.waitFor(position, timeoutMs);
  }

  status() {
    return this.runner.status();
  }
}
