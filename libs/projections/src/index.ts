export type { Projection, ProjectionContext, TableNames } from './projection';
export { ProjectionRunner, liveTableNames, type ProjectionFailure } from './projection-runner';
export { CaseSummaryProjection } from './case-summary/case-summary.projection';
export type { CaseSummaryTable, CaseSummaryTables } from './case-summary/case-summary.table';
export { allProjections, type ProjectionDeps } from './registry';
