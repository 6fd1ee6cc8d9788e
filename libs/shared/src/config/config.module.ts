import { DynamicModule, Global, Module } from '@nestjs/common';
import { CasetrailConfig } from './config.schema';

/** Injection token for the validated configuration. */
export const CASETRAIL_CONFIG = Symbol('CASETRAIL_CONFIG');

/** Makes the configuration that main.ts validated available to every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: CasetrailConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: CASETRAIL_CONFIG, useValue: config }], exports: [CASETRAIL_CONFIG] };
  }
}
