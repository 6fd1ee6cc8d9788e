import { DynamicModule, Global, Module } from '@nestjs/common';
import { CasetrailConfig } from '@casetrail/shared';
import { DEADLINE_LATENESS } from './deadline-lateness.token';
import { MetricsListener } from './metrics-listener';
import { WorkerMetrics } from './worker-metrics';

/** Global: the deadline host records lateness into the same registry the listener serves. */
@Global()
@Module({})
export class WorkerMetricsModule {
  static forRoot(config: CasetrailConfig): DynamicModule {
    return {
      module: WorkerMetricsModule,
      providers: [WorkerMetrics, { provide: DEADLINE_LATENESS, useFactory: (metrics: WorkerMetrics) => metrics.deadlineLateness, inject: [WorkerMetrics] }, ...(config.CASETRAIL_METRICS === 'on' && config.CASETRAIL_METRICS_PORT !== undefined ? [MetricsListener] : [])],
      exports: [WorkerMetrics, DEADLINE_LATENESS],
    };
  }
}
