export * from './tables';
export { createDatabase, DEFAULT_PG_POOL_SIZE, type CasetrailDatabase, type DatabaseOptions, type DatabaseTarget } from './create-database';
export { migrateTables } from './migrations';
export { isDatabaseUnavailable, sqliteStorageRefusal } from './database-unavailable';
export { withoutOwnFsync } from './without-own-fsync';
