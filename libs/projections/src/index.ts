export { ProjectionRunner, type Projection, type ProjectionFailure, type ProjectionTransaction } from './projection-runner';
export { CaseSummaryProjection } from './case-summary/case-summary.projection';
