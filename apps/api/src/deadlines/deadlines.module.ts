import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { CasetrailConfig } from '@casetrail/shared';
import { CaseTypeDefinition } from '@casetrail/workflow';
import { CLOCK, systemClock } from '../clock';
import { DEADLINE_CASE_TYPES, EmbeddedDeadlinesHost } from './embedded-deadlines.host';
import { FAILED_JOBS } from './failed-jobs.token';
import { QueuedFailedJobs } from './queued-failed-jobs';

/**
 * Deadlines in the API process. Without CASETRAIL_REDIS_URL the embedded scheduler runs here;
 * with it, apps/worker fires them and the API only lists failed jobs from the queue.
 */
@Global()
@Module({})
export class DeadlinesModule {
  static forRoot(config: CasetrailConfig, definitions: CaseTypeDefinition[]): DynamicModule {
    const redisUrl = config.CASETRAIL_REDIS_URL;
    const providers: Provider[] = redisUrl
      ? [{ provide: FAILED_JOBS, useFactory: () => new QueuedFailedJobs(redisUrl) }]
      : [
          { provide: CLOCK, useValue: systemClock },
          { provide: DEADLINE_CASE_TYPES, useValue: definitions },
          EmbeddedDeadlinesHost,
          { provide: FAILED_JOBS, useFactory: (host: EmbeddedDeadlinesHost) => host.deadlines.scheduler, inject: [EmbeddedDeadlinesHost] },
        ];
    return { module: DeadlinesModule, providers, exports: [FAILED_JOBS] };
  }
}
