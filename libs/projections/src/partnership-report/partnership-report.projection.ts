import { Kysely } from 'kysely';
import { RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition, upcasterRegistryOf } from '@casetrail/workflow';
import { Projection, ProjectionContext, TableNames } from '../projection';
import { factsOfCaseEvent } from './case-facts';
import { FactDraft } from './report-fact';
import { PartnershipReportTables } from './report-facts.table';

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

  async createTables(db: Kysely<PartnershipReportTables>, names: TableNames<PartnershipReportTables>): Promise<void> {
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
    // The report scans a date range; a risk level finds its referral by case.
    await db.schema.createIndex(names.index('report_facts', 'occurred_on')).ifNotExists().on(table).columns(['occurred_on', 'kind']).execute();
    await db.schema.createIndex(names.index('report_facts', 'case_id')).ifNotExists().on(table).columns(['case_id', 'kind']).execute();
  }

  async apply(ctx: ProjectionContext<PartnershipReportTables>, event: RecordedEvent): Promise<void> {
    const definition = this.definitionFor(event.streamId);
    if (!definition) return;
    const current = upcasterRegistryOf(definition).upcast(event);
    for (const fact of factsOfCaseEvent(definition.caseType, current.type, current.data)) {
      await this.record(ctx, event, fact);
    }
  }

  private async record({ trx, table }: ProjectionContext<PartnershipReportTables>, event: RecordedEvent, fact: FactDraft): Promise<void> {
    const row = {
      case_id: event.streamId,
      kind: fact.kind,
      occurred_on: typeof fact.on === 'string' ? fact.on : await this.dateOfEarlierFact({ trx, table }, event, fact.on.dateOf),
      dimension: fact.dimension ?? null,
      quantity: fact.quantity ?? 1,
    };
    const factId = fact.onePerCase ? `${event.streamId}:${fact.kind}` : `${event.eventId}:${fact.kind}`;
    await trx
      .insertInto(table('report_facts'))
      .values({ fact_id: factId, ...row })
      .onConflict((oc) => oc.column('fact_id').doUpdateSet(row))
      .execute();
  }

  private async dateOfEarlierFact(
    { trx, table }: Pick<ProjectionContext<PartnershipReportTables>, 'trx' | 'table'>,
    event: RecordedEvent,
    kind: string,
  ): Promise<string> {
    const earlier = await trx
      .selectFrom(table('report_facts'))
      .select('occurred_on')
      .where('case_id', '=', event.streamId)
      .where('kind', '=', kind)
      .orderBy('occurred_on')
      .executeTakeFirst();
    // A case's stream always opens with the event that yields it: its absence is a corrupt stream.
    if (!earlier) throw new Error(`${event.streamId}: ${event.type} at revision ${event.revision} has no earlier ${kind} fact to be dated by`);
    return earlier.occurred_on;
  }
}
