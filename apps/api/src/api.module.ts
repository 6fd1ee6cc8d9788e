import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { CasetrailConfig, ConfigModule, loggerOptions } from '@casetrail/shared';
import { EventStoreModule } from '@casetrail/event-store';
import { CASE_TYPES } from '@casetrail/cases';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { HealthController } from './health/health.controller';
import { RedisProbe } from './health/redis-probe';
import { DatabaseModule } from './persistence/database.module';

@Module({})
export class ApiModule {
  /** `logDestination`: where logs go instead of stdout (tests read them back). */
  static forRoot(config: CasetrailConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, 'api', logDestination)),
        EventStoreModule.forRoot(config),
        DatabaseModule.forRoot(config),
        AuthModule,
        CasesModule.forRoot(config, CASE_TYPES),
        DeadlinesModule.forRoot(config, CASE_TYPES),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController],
      providers: [RedisProbe],
    };
  }
}
