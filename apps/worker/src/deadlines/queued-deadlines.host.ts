import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { CasetrailConfig, CASETRAIL_CONFIG } from '@casetrail/shared';
import { CASE_TYPES } from '@casetrail/cases';
import { EVENT_STORE, EventStore } from '@casetrail/event-store';
import { CasetrailDatabase, createDatabase, migrateTables } from '@casetrail/persistence';
import { loadPolicyAndCalendar, QueuedDeadlines } from '@casetrail/scheduling';
import { DEADLINE_LATENESS, DeadlineLateness } from '../metrics/deadline-lateness.token';

/**
 * Deadlines on Redis: the processor, the BullMQ worker, reconcile and the sweeps. Nest's
 * shutdown hooks (SIGTERM, SIGINT) close the worker gracefully: jobs under way finish first.
 */
@Injectable()
export class QueuedDeadlinesHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Deadlines');
  /** Beside the read models (metrics count the escalation queue there). */
  readonly db: CasetrailDatabase;
  private readonly deadlines: QueuedDeadlines;

  constructor(
    @Inject(CASETRAIL_CONFIG) config: CasetrailConfig,
    @Inject(EVENT_STORE) store: EventStore,
    @Optional() @Inject(DEADLINE_LATENESS) lateness?: DeadlineLateness,
  ) {
    this.db = createDatabase(
      config.CASETRAIL_STORE === 'sqlite'
        ? { dialect: 'sqlite', path: config.CASETRAIL_SQLITE_PATH }
        : { dialect: 'postgres', connectionString: config.CASETRAIL_PG_URL!, poolSize: config.CASETRAIL_PG_POOL_SIZE },
    );
    this.deadlines = new QueuedDeadlines({
      url: config.CASETRAIL_REDIS_URL!,
      runtime: { store, definitions: CASE_TYPES, ...loadPolicyAndCalendar(config.CASETRAIL_POLICY_DIR ?? 'policy', CASE_TYPES), now: () => new Date(),
        deadlineExpired: (latenessMs) => lateness?.observe(latenessMs / 1000),
      },
      db: this.db,
      ...(config.CASETRAIL_DEADLINE_CONCURRENCY !== undefined ? { worker: { concurrency: config.CASETRAIL_DEADLINE_CONCURRENCY } } : {}),
      log: {
        info: (message, details) => this.logger.log({ ...details }, message),
        error: (message, error) => this.logger.error({ err: error }, message),
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await migrateTables(this.db);
    await this.deadlines.start();
    this.logger.log('deadline worker running');
  }

  jobCounts(): Promise<Record<'delayed' | 'waiting' | 'failed', number>> {
    return this.deadlines.scheduler.jobCounts();
  }

  async onModuleDestroy(): Promise<void> {
    await this.deadlines.stop();
    await this.db.destroy();
  }
}
