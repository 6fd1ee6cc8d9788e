import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition, Deadlines, evolveDeadlines, loadCase, openDeadlines } from '@casetrail/workflow';
import { Projection, ProjectionTransaction } from '../projection-runner';

/**
 * One row per case: type, stage, risk, assignee, agencies, dates, the next deadline, the
 * restricted flag, revision and last event time. Backs GET /api/cases.
 */
export class CaseSummaryProjection implements Projection {
  readonly name = 'case-summary';

  constructor(
    private readonly store: EventStore,
    private readonly definitionFor: (streamId: string) => CaseTypeDefinition | undefined,
  ) {}

  async apply(trx: ProjectionTransaction, event: RecordedEvent): Promise<void> {
    const definition = this.definitionFor(event.streamId);
    if (!definition) return;
    // The case as of this event: the stream's prefix up to its revision.
    const { state, events } = await loadCase(this.store, definition, event.streamId, { upToRevision: event.revision });
    const summary = definition.summarise(state);
    const deadlines = events.reduce<Deadlines>((all, e) => evolveDeadlines(all, e), {});
    const next = openDeadlines(deadlines).map((d) => d.dueAt).sort()[0] ?? null;
    const row = {
      case_type: definition.caseType,
      stage: summary.stage,
      risk: summary.risk ?? null,
      assignee_id: summary.assignee?.caseworkerId ?? null,
      assignee_agency: summary.assignee?.agency ?? null,
      agencies: JSON.stringify([...new Set(summary.agencies)].sort()),
      restricted: definition.restrictedByDefault || summary.restricted ? 1 : 0,
      opened_at: summary.openedAt ?? null,
      closed_at: summary.closedAt ?? null,
      next_deadline_at: next,
      revision: event.revision,
      last_event_at: event.metadata.occurredAt,
      key_facts: JSON.stringify(summary.keyFacts),
    };
    await trx
      .insertInto('case_summaries')
      .values({ case_id: event.streamId, ...row })
      .onConflict((oc) => oc.column('case_id').doUpdateSet(row))
      .execute();
  }
}
