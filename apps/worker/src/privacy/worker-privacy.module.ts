import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { CASE_TYPES } from '@casetrail/cases';
import { EVENT_STORE } from '@casetrail/event-store';
import { openEncryptedStore, OpenedEncryptedStore } from '@casetrail/privacy';
import { CasetrailConfig } from '@casetrail/shared';

const OPENED = Symbol('OPENED_ENCRYPTED_STORE');

@Injectable()
class WorkerPrivacyLifecycle implements OnApplicationShutdown {
  constructor(@Inject(OPENED) private readonly opened: OpenedEncryptedStore) {}
  onApplicationShutdown(): Promise<void> {
    return this.opened.close();
  }
}

/**
 * EVENT_STORE for the worker, as the API has it: the adapter under crypto-shredding
 * (docs/privacy.md), so projections see what the API's would and deadline events are sealed.
 */
@Global()
@Module({})
export class WorkerPrivacyModule {
  static forRoot(config: CasetrailConfig): DynamicModule {
    return {
      module: WorkerPrivacyModule,
      providers: [
        {
          provide: OPENED,
          useFactory: async () => {
            const opened = await openEncryptedStore(config, CASE_TYPES);
            if (opened.masterKey.origin === 'file-created') new Logger('Privacy').warn(`CASETRAIL_MASTER_KEY is unset: created a master key file beside the database (${opened.masterKey.file})`);
            return opened;
          },
        },
        { provide: EVENT_STORE, inject: [OPENED], useFactory: (opened: OpenedEncryptedStore) => opened.store },
        WorkerPrivacyLifecycle,
      ],
      exports: [EVENT_STORE],
    };
  }
}
