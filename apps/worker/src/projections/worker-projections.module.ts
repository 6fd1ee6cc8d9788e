import { DynamicModule, Module } from '@nestjs/common';
import { CasetrailConfig } from '@casetrail/shared';
import { WorkerProjectionsHost } from './worker-projections.host';

/** With CASETRAIL_PROJECTIONS=worker the worker runs the projections and the API only follows them. */
@Module({})
export class WorkerProjectionsModule {
  static forRoot(config: CasetrailConfig): DynamicModule {
    return { module: WorkerProjectionsModule, providers: config.CASETRAIL_PROJECTIONS === 'worker' ? [WorkerProjectionsHost] : [] };
  }
}
