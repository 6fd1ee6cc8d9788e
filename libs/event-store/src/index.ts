export * from './envelope';
export * from './expected-revision';
export * from './errors';
export * from './event-store.port';
export { AppendSignal, pollingSubscription, type PollingSource } from './polling-subscription';
export { resolveRetriedBatch, type StoredEventRef } from './stored-batch';
export {
  assertExpectedRevision,
  assertJsonValue,
  assertReadAllOptions,
  assertReadStreamOptions,
  assertStreamId,
  serialiseBatch,
  MAX_STREAM_ID_LENGTH,
  type SerialisedEvent,
} from './validation';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { EventStoreModule, EVENT_STORE } from './event-store.module';
export { createEventStore } from './create-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb/kurrentdb-event-store';
export { type StreamRetention } from './kurrentdb/kurrentdb-retention';
