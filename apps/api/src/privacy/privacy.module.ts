import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CasetrailConfig } from '@casetrail/shared';
import { createEventStore, EVENT_STORE, EventStore } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { CaseStates, CaseTypeDefinition } from '@casetrail/workflow';
import {
  CachedSubjectKeys,
  caseEventSchemas,
  completePendingErasures,
  EncryptingEventStore,
  KeyWrapper,
  resolveMasterKey,
  SqlSubjectKeyStore,
  SubjectKeyStore,
} from '@casetrail/privacy';
import { CLOCK, systemClock } from '../clock';
import { DATABASE } from '../persistence/database.module';
import { erasureCheckpoint } from './erasure-checkpoint';
import { CASE_STATES, PERSONAL_DATA_SEALER, PRIVACY_CASE_TYPES, RAW_EVENT_STORE, SUBJECT_KEYS } from './privacy.tokens';
import { ResponseSealer } from './response-sealer';
import { SubjectErasureController } from './subject-erasure.controller';
import { SubjectErasures } from './subject-erasure.service';

/**
 * A key destroyed by another process (the worker, another API) is noticed when this process next
 * fetches it, so plain values can outlive it here by the unwrapped key's lifetime plus that of a
 * case state decrypted with it. The two add up to the 30 s docs/privacy.md promises.
 */
const KEY_LIFETIME_MS = 15_000;
const CASE_STATE_LIFETIME_MS = 15_000;

@Injectable()
class PrivacyLifecycle implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Privacy');

  constructor(
    @Inject(RAW_EVENT_STORE) private readonly raw: EventStore,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore,
    @Inject(DATABASE) private readonly db: CasetrailDatabase,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.raw.init();
  }

  /** After every module's init (so the key table exists): finish erasures a crash interrupted. */
  async onApplicationBootstrap(): Promise<void> {
    const destroyed = await completePendingErasures(this.raw, this.keys, erasureCheckpoint(this.db));
    if (destroyed > 0) this.logger.warn(`destroyed ${destroyed} subject keys whose erasure was recorded but not completed`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.keys instanceof CachedSubjectKeys) this.keys.clear();
    await this.raw.close();
  }
}

/**
 * The event store with crypto-shredding (docs/privacy.md, ADR 0009): provides EVENT_STORE as the
 * encrypting decorator over the configured adapter, in place of EventStoreModule, plus EraseSubject.
 */
@Global()
@Module({})
export class PrivacyModule {
  static forRoot(config: CasetrailConfig, definitions: readonly CaseTypeDefinition[]): DynamicModule {
    return {
      module: PrivacyModule,
      controllers: [SubjectErasureController],
      providers: [
        { provide: CLOCK, useValue: systemClock },
        { provide: PRIVACY_CASE_TYPES, useValue: definitions },
        { provide: RAW_EVENT_STORE, useFactory: () => createEventStore(config) },
        {
          provide: SUBJECT_KEYS,
          inject: [DATABASE],
          // An unusable CASETRAIL_MASTER_KEY (or its absence on PostgreSQL) stops start-up here, naming it.
          useFactory: (db: CasetrailDatabase) => {
            const master = resolveMasterKey(config);
            if (master.origin === 'file-created' && master.file) {
              new Logger('Privacy').warn(`CASETRAIL_MASTER_KEY is unset: created a master key file beside the database (${master.file}, mode 0600): without it nothing personal can be read; back it up apart from the database (docs/privacy.md)`);
            }
            return new CachedSubjectKeys(new SqlSubjectKeyStore(db, new KeyWrapper(master.key)), KEY_LIFETIME_MS);
          },
        },
        {
          provide: CASE_STATES,
          inject: [SUBJECT_KEYS],
          useFactory: (keys: SubjectKeyStore) => {
            const states = new CaseStates({ lifetimeMs: CASE_STATE_LIFETIME_MS });
            // A destroyed key's values must not be decided on: forget every kept state at once.
            if (keys instanceof CachedSubjectKeys) keys.onDestroyed(() => states.clear());
            return states;
          },
        },
        {
          provide: EVENT_STORE,
          inject: [RAW_EVENT_STORE, SUBJECT_KEYS],
          useFactory: (raw: EventStore, keys: SubjectKeyStore) => new EncryptingEventStore(raw, keys, caseEventSchemas(definitions)),
        },
        { provide: PERSONAL_DATA_SEALER, inject: [EVENT_STORE], useFactory: (store: EncryptingEventStore) => new ResponseSealer(store) },
        PrivacyLifecycle,
        SubjectErasures,
      ],
      exports: [EVENT_STORE, RAW_EVENT_STORE, SUBJECT_KEYS, PERSONAL_DATA_SEALER, CASE_STATES],
    };
  }
}
