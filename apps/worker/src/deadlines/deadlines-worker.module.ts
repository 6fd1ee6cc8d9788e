import { DynamicModule, Module } from '@nestjs/common';
import { CasetrailConfig } from '@casetrail/shared';
import { QueuedDeadlinesHost } from './queued-deadlines.host';

/** With CASETRAIL_REDIS_URL the worker fires deadlines; without it the API's embedded scheduler does. */
@Module({})
export class DeadlinesWorkerModule {
  static forRoot(config: CasetrailConfig): DynamicModule {
    return { module: DeadlinesWorkerModule, providers: config.CASETRAIL_REDIS_URL ? [QueuedDeadlinesHost] : [] };
  }
}
