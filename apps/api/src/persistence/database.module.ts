import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CasetrailConfig } from '@casetrail/shared';
import { CasetrailDatabase, createDatabase, migrateTables } from '@casetrail/persistence';

export const DATABASE = Symbol('CASETRAIL_DATABASE');

@Injectable()
class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: CasetrailDatabase) {}
  async onModuleInit(): Promise<void> {
    await migrateTables(this.db);
  }
  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}

/** The tables beside the events (idempotency keys, access log, read models), same database. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: CasetrailConfig): DynamicModule {
    const target =
      config.CASETRAIL_STORE === 'sqlite'
        ? { dialect: 'sqlite' as const, path: config.CASETRAIL_SQLITE_PATH }
        : { dialect: 'postgres' as const, connectionString: config.CASETRAIL_PG_URL!, poolSize: config.CASETRAIL_PG_POOL_SIZE };
    return {
      module: DatabaseModule,
      providers: [{ provide: DATABASE, useFactory: () => createDatabase(target) }, DatabaseLifecycle],
      exports: [DATABASE],
    };
  }
}
