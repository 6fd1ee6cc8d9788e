import { DynamicModule, Global, Module } from '@nestjs/common';
import { CasetrailConfig } from '@casetrail/shared';
import { ApiMetrics } from './api-metrics';
import { CommandMetricsInterceptor } from './command-metrics.interceptor';
import { MetricsController } from './metrics.controller';

/** Global: the command routes and the deadline scheduler record into the same registry. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(config: CasetrailConfig): DynamicModule {
    return {
      module: MetricsModule,
      controllers: config.CASETRAIL_METRICS === 'on' ? [MetricsController] : [],
      providers: [ApiMetrics, CommandMetricsInterceptor],
      exports: [ApiMetrics, CommandMetricsInterceptor],
    };
  }
}
