export * from './tables';
export { createDatabase, type CasetrailDatabase, type DatabaseOptions, type DatabaseTarget } from './create-database';
export { migrateTables } from './migrations';
export { isDatabaseUnavailable } from './database-unavailable';
