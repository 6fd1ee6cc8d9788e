import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { CasetrailConfig, ConfigModule, loggerOptions } from '@casetrail/shared';
import { EventStoreModule } from '@casetrail/event-store';
import { HealthController } from './health/health.controller';

@Module({})
export class ApiModule {
  static forRoot(config: CasetrailConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, 'api')),
        EventStoreModule.forRoot(config),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController],
    };
  }
}
