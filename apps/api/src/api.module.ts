import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { CasetrailConfig, ConfigModule, loggerOptions } from '@casetrail/shared';
import { CASE_TYPES } from '@casetrail/cases';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { ConsoleModule } from './console/console.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { HealthController } from './health/health.controller';
import { WriteRefusals } from './health/write-refusals';
import { RedisProbe } from './health/redis-probe';
import { MetricsModule } from './metrics/metrics.module';
import { DatabaseModule } from './persistence/database.module';
import { PrivacyModule } from './privacy/privacy.module';
import { ThrottlingModule } from './throttling/throttling.module';

@Module({})
export class ApiModule {
  /** `logDestination`: where logs go instead of stdout (tests read them back). */
  static forRoot(config: CasetrailConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, 'api', logDestination)),
        // EVENT_STORE with crypto-shredding (docs/privacy.md), over the adapter CASETRAIL_STORE names.
        PrivacyModule.forRoot(config, CASE_TYPES),
        DatabaseModule.forRoot(config),
        MetricsModule.forRoot(config),
        AuthModule,
        ThrottlingModule.forRoot(config),
        CasesModule.forRoot(config, CASE_TYPES),
        DeadlinesModule.forRoot(config, CASE_TYPES),
        ConsoleModule,
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController],
      providers: [RedisProbe, WriteRefusals],
    };
  }
}
