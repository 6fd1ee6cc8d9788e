export type { Projection, ProjectionContext, SchemaPart, TableNames } from './projection';
export { EventFailed } from './projection';
export { CaseFolds, DEFAULT_CASE_FOLD_CAPACITY, type CaseFolder, type FoldedCase } from './case-folds/case-folds';
export {
  ProjectionRunner,
  liveTableNames,
  DEFAULT_RUNNER_TUNING,
  type ProjectionFailure,
  type RunnerMode,
  type RunnerState,
  type RunnerStatus,
  type RunnerTuning,
} from './projection-runner';
export { CaseSummaryProjection } from './case-summary/case-summary.projection';
export type { CaseSummaryTable, CaseSummaryTables } from './case-summary/case-summary.table';
export { allProjections, type ProjectionDeps } from './registry';
export { ProjectionHost, type ProjectionHostOptions } from './runner/projection-host';
export type { ProjectionLock, ProjectionLocks } from './runner/projection-lock';
export { createProjectionLocks, processOwner } from './runner/projection-locks';
export type { LeaseTiming } from './runner/sqlite-leases';
export { ensureProjectionTables } from './runner/runner-tables';
export { readCheckpoint } from './runner/checkpoints';
export { shadowTableNames, SHADOW_SUFFIX } from './runner/table-names';
export { rebuildProjection, type RebuildResult, type ProjectionRebuild } from './runner/rebuild';
export { verifyProjection, type VerifyResult, type ProjectionVerify } from './runner/verify';
export type { RebuildProgress, RebuildSettings } from './runner/rebuild-progress';
export { ShadowBuildFailedError } from './runner/shadow-build';
export type { RowDifference } from './runner/table-diff';
export { projectionStatuses, type ProjectionStatus } from './runner/projection-status';
export { caseTypeOfStream } from './runner/case-type-of-stream';
export { databaseTargetOf } from './runner/database-target';
export * from './partnership-report';
export { CaseCountsProjection, CASE_COUNTS_PROJECTION } from './counts/case-counts.projection';
export { readCaseCounts, type CaseCount } from './counts/read-case-counts';
export { EscalationQueueProjection, ESCALATION_QUEUE_PROJECTION } from './escalation-queue/escalation-queue.projection';
export { countEscalationEntries, readEscalationQueue, type EscalationQueueQuery, type EscalationQueueItem } from './escalation-queue/read-escalation-queue';
export { ESCALATION_REASONS, ESCALATION_REASON_CODES, reasonText, type EscalationReason } from './escalation-queue/escalation-reasons';
export { CaseloadProjection, CASELOAD_PROJECTION } from './caseload/caseload.projection';
export { readCaseloads, type Caseloads, type CaseloadFigures, type CaseloadQuery } from './caseload/read-caseloads';
export { OpenDeadlinesProjection, OPEN_DEADLINES_PROJECTION } from './open-deadlines/open-deadlines.projection';
export { listOpenDeadlines, type OpenDeadline, type ListOpenDeadlinesOptions } from './open-deadlines/list-open-deadlines';
export { RepeatIndexProjection, REPEAT_INDEX_PROJECTION } from './repeat-index/repeat-index.projection';
export { findRepeatMatches, type RepeatIndexMatch } from './repeat-index/find-repeat-matches';
export { asbReportKeys, daReferralKeys, type RepeatKey, type RepeatKeyKind } from './repeat-index/repeat-keys';
