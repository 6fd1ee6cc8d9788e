import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { CasetrailConfig, CASETRAIL_CONFIG } from '@casetrail/shared';
import { EVENT_STORE, EventStore } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { EmbeddedDeadlines, loadPolicyAndCalendar, SchedulingLog } from '@casetrail/scheduling';
import { CaseTypeDefinition } from '@casetrail/workflow';
import { Clock, CLOCK } from '../clock';
import { ApiMetrics } from '../metrics/api-metrics';
import { DATABASE } from '../persistence/database.module';

export const DEADLINE_CASE_TYPES = Symbol('DEADLINE_CASE_TYPES');

/** The embedded default (no Redis): deadlines fire from timers in the API process. */
@Injectable()
export class EmbeddedDeadlinesHost implements OnApplicationBootstrap, OnModuleDestroy {
  readonly deadlines: EmbeddedDeadlines;
  private readonly logger = new Logger('Deadlines');

  constructor(
    @Inject(CASETRAIL_CONFIG) config: CasetrailConfig,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(DATABASE) db: CasetrailDatabase,
    @Inject(CLOCK) clock: Clock,
    @Inject(DEADLINE_CASE_TYPES) definitions: CaseTypeDefinition[],
    @Optional() metrics?: ApiMetrics,
  ) {
    const log: SchedulingLog = {
      info: (message, details) => this.logger.log({ ...details }, message),
      error: (message, error) => this.logger.error({ err: error }, message),
    };
    this.deadlines = new EmbeddedDeadlines({
      runtime: { store, definitions, ...loadPolicyAndCalendar(config.CASETRAIL_POLICY_DIR ?? 'policy', definitions), now: clock,
        deadlineExpired: (latenessMs) => metrics?.deadlineLateness.observe(latenessMs / 1000),
      },
      db,
      log,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.deadlines.start();
  }

  /** Before the store and database close (they close on application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.deadlines.stop();
  }
}
