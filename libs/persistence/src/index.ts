export * from './tables';
export { createDatabase, type CasetrailDatabase, type DatabaseTarget } from './create-database';
export { migrateTables } from './migrations';
