import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CasetrailConfig, ConfigModule, loggerOptions } from '@casetrail/shared';
import { DeadlinesWorkerModule } from './deadlines/deadlines-worker.module';
import { WorkerMetricsModule } from './metrics/worker-metrics.module';
import { WorkerPrivacyModule } from './privacy/worker-privacy.module';
import { WorkerProjectionsModule } from './projections/worker-projections.module';

/**
 * Background work: projection runners and deadline jobs arrive with their issues. For now the
 * worker connects to the store (running its migrations) and stays up until signalled.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: CasetrailConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), LoggerModule.forRoot(loggerOptions(config, 'worker')), WorkerPrivacyModule.forRoot(config), WorkerMetricsModule.forRoot(config), DeadlinesWorkerModule.forRoot(config), WorkerProjectionsModule.forRoot(config)],
    };
  }
}
