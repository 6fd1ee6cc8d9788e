import { EventStore } from '@casetrail/event-store';
import { CaseTypeDefinition } from '@casetrail/workflow';
import { Projection } from './projection';
import { CaseSummaryProjection } from './case-summary/case-summary.projection';
import { PartnershipReportProjection } from './partnership-report/partnership-report.projection';
import { CaseCountsProjection } from './counts/case-counts.projection';
import { EscalationQueueProjection } from './escalation-queue/escalation-queue.projection';
import { CaseloadProjection } from './caseload/caseload.projection';
import { OpenDeadlinesProjection } from './open-deadlines/open-deadlines.projection';
import { RepeatIndexProjection } from './repeat-index/repeat-index.projection';

export interface ProjectionDeps {
  store: EventStore;
  /** The case type of a stream, or undefined for streams that are not cases. */
  definitionFor(streamId: string): CaseTypeDefinition | undefined;
  /** Cases whose folds each folding projection keeps between batches (default DEFAULT_CASE_FOLD_CAPACITY). */
  caseFoldCapacity?: number;
}

/** Every read model Casetrail keeps. Runners, rebuild, status and verify all work from this list. */
export function allProjections(deps: ProjectionDeps): Projection<unknown>[] {
  return [
    new CaseSummaryProjection(deps.store, deps.definitionFor, deps.caseFoldCapacity),
    new PartnershipReportProjection(deps.definitionFor),
    new CaseCountsProjection(deps.store, deps.definitionFor, deps.caseFoldCapacity),
    new EscalationQueueProjection(deps.store, deps.definitionFor, deps.caseFoldCapacity),
    new CaseloadProjection(deps.store, deps.definitionFor, deps.caseFoldCapacity),
    new OpenDeadlinesProjection(deps.definitionFor),
    new RepeatIndexProjection(deps.definitionFor),
    // one line per read model: keep this list the single place that names them
    // Each projection types its own tables; the runners treat them alike.
  ] as unknown as Projection<unknown>[];
}
