import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CasetrailConfig } from '@casetrail/shared';
import { EventStore } from './event-store.port';
import { createEventStore } from './create-event-store';

/** Injection token for the configured EventStore adapter. */
export const EVENT_STORE = Symbol('EVENT_STORE');

@Injectable()
class EventStoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Migrations run on start; they are idempotent. */
  async onModuleInit(): Promise<void> {
    await this.store.init();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Global()
@Module({})
export class EventStoreModule {
  static forRoot(config: CasetrailConfig): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [{ provide: EVENT_STORE, useFactory: () => createEventStore(config) }, EventStoreLifecycle],
      exports: [EVENT_STORE],
    };
  }
}
