import { Kysely } from 'kysely';
import { RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition, upcasterRegistryOf } from '@casetrail/workflow';
import { asOneEvent, EventFailed, Projection, ProjectionContext, SchemaPart, TableNames } from '../projection';
import { upsertRows } from '../runner/bulk-rows';
import { factsOfCaseEvent } from './case-facts';
import { FactDraft } from './report-fact';
import { PartnershipReportTables, ReportFactTable } from './report-facts.table';

export const PARTNERSHIP_REPORT_PROJECTION = 'partnership-report';

/**
 * The countable facts behind the partnership report (report_facts), one row per fact, dated by
 * when the thing happened. Idempotent: a fact's id comes from its event (or its case, for a
 * fact a case has once), so an event applied twice leaves the same rows.
 */
export class PartnershipReportProjection implements Projection<PartnershipReportTables> {
  readonly name = PARTNERSHIP_REPORT_PROJECTION;
  readonly tables = ['report_facts'] as const;

  constructor(private readonly definitionFor: (streamId: string) => CaseTypeDefinition | undefined) {}

  async createTables(db: Kysely<PartnershipReportTables>, names: TableNames<PartnershipReportTables>, part: SchemaPart = 'all'): Promise<void> {
    const table = names.table('report_facts');
    await db.schema
      .createTable(table)
      .ifNotExists()
      .addColumn('fact_id', 'varchar(300)', (c) => c.primaryKey())
      .addColumn('case_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('kind', 'varchar(60)', (c) => c.notNull())
      .addColumn('occurred_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('dimension', 'varchar(60)')
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .execute();
    // A risk level finds its referral by case, and each batch a case's earliest facts; the report scans a date range.
    await db.schema.createIndex(names.index('report_facts', 'case_id')).ifNotExists().on(table).columns(['case_id', 'kind']).execute();
    if (part === 'apply') return;
    await db.schema.createIndex(names.index('report_facts', 'occurred_on')).ifNotExists().on(table).columns(['occurred_on', 'kind']).execute();
  }

  apply(ctx: ProjectionContext<PartnershipReportTables>, event: RecordedEvent): Promise<void> {
    return asOneEvent(this.applyBatch(ctx, [event]));
  }

  /**
   * The batch's facts in event order, written in one upsert (a later fact with the same id
   * replaces an earlier one, as it would row by row). A fact dated by an earlier fact of its case
   * takes the earliest date among the stored rows (one query per batch) and the batch's own.
   */
  async applyBatch({ trx, table }: ProjectionContext<PartnershipReportTables>, events: readonly RecordedEvent[]): Promise<void> {
    const drafts: { event: RecordedEvent; fact: FactDraft }[] = [];
    for (const event of events) {
      const definition = this.definitionFor(event.streamId);
      if (!definition) continue;
      try {
        const current = upcasterRegistryOf(definition).upcast(event);
        factsOfCaseEvent(definition.caseType, current.type, current.data).forEach((fact) => drafts.push({ event, fact }));
      } catch (error) {
        throw new EventFailed(event, error);
      }
    }
    const earliest = await this.earliestStored(trx, table, drafts);
    const rows = new Map<string, ReportFactTable>();
    for (const { event, fact } of drafts) {
      const key = (kind: string) => `${event.streamId}\u0000${kind}`;
      let occurredOn: string;
      if (typeof fact.on === 'string') occurredOn = fact.on;
      else {
        const found = earliest.get(key(fact.on.dateOf));
        // A case's stream always opens with the event that yields it: its absence is a corrupt stream.
        if (found === undefined) {
          throw new EventFailed(event, new Error(`${event.streamId}: ${event.type} at revision ${event.revision} has no earlier ${fact.on.dateOf} fact to be dated by`));
        }
        occurredOn = found;
      }
      const factId = fact.onePerCase ? `${event.streamId}:${fact.kind}` : `${event.eventId}:${fact.kind}`;
      rows.delete(factId); // written in the order last applied
      rows.set(factId, { fact_id: factId, case_id: event.streamId, kind: fact.kind, occurred_on: occurredOn, dimension: fact.dimension ?? null, quantity: fact.quantity ?? 1 });
      const before = earliest.get(key(fact.kind));
      if (before === undefined || occurredOn < before) earliest.set(key(fact.kind), occurredOn);
    }
    await upsertRows(trx, table('report_facts'), ['fact_id'], [...rows.values()]);
  }

  /** The earliest stored date of each fact kind of the cases whose facts are dated by one. */
  private async earliestStored(
    trx: ProjectionContext<PartnershipReportTables>['trx'],
    table: ProjectionContext<PartnershipReportTables>['table'],
    drafts: readonly { event: RecordedEvent; fact: FactDraft }[],
  ): Promise<Map<string, string>> {
    const caseIds = [...new Set(drafts.filter((d) => typeof d.fact.on !== 'string').map((d) => d.event.streamId))];
    const earliest = new Map<string, string>();
    for (let i = 0; i < caseIds.length; i += 10_000) {
      const rows = await trx
        .selectFrom(table('report_facts'))
        .select(['case_id', 'kind', (eb) => eb.fn.min('occurred_on').as('first')])
        .where('case_id', 'in', caseIds.slice(i, i + 10_000))
        .groupBy(['case_id', 'kind'])
        .execute();
      rows.forEach((r) => earliest.set(`${r.case_id}\u0000${r.kind}`, r.first as string));
    }
    return earliest;
  }
}
