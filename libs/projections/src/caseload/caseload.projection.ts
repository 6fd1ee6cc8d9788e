import { Kysely } from 'kysely';
import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition } from '@casetrail/workflow';
import { caseWaitsFolder, WithState } from '../case-folds/case-folders';
import { CaseFolds } from '../case-folds/case-folds';
import { NO_RISK } from '../counts/case-counts.table';
import { CaseWaits, stillOwed } from '../escalation-queue/case-waits';
import { asOneEvent, Projection, ProjectionContext, SchemaPart, TableNames } from '../projection';
import { deleteWhereIn, insertRows, sameRows, upsertRows } from '../runner/bulk-rows';
import { CaseloadCaseTable, CaseloadDeadlineTable, CaseloadTables } from './caseload.table';

export const CASELOAD_PROJECTION = 'caseload';

/** Caseloads per caseworker and per team: each case's carrier, risk and the deadlines it still owes. */
export class CaseloadProjection implements Projection<CaseloadTables> {
  readonly name = CASELOAD_PROJECTION;
  readonly tables = ['caseload_cases', 'caseload_deadlines'] as const;

  private readonly folds: CaseFolds<CaseloadFold>;

  constructor(store: EventStore, definitionFor: (streamId: string) => CaseTypeDefinition | undefined, caseFoldCapacity?: number) {
    this.folds = new CaseFolds(store, definitionFor, caseWaitsFolder, caseFoldCapacity);
  }

  async createTables(db: Kysely<CaseloadTables>, names: TableNames<CaseloadTables>, part: SchemaPart = 'all'): Promise<void> {
    const cases = names.table('caseload_cases');
    await db.schema
      .createTable(cases)
      .ifNotExists()
      .addColumn('case_id', 'varchar(200)', (c) => c.primaryKey())
      .addColumn('case_type', 'varchar(50)', (c) => c.notNull())
      .addColumn('assignee_id', 'varchar(200)')
      .addColumn('team', 'varchar(120)')
      .addColumn('agencies', 'text', (c) => c.notNull())
      .addColumn('restricted', 'integer', (c) => c.notNull())
      .addColumn('risk', 'varchar(20)', (c) => c.notNull())
      .addColumn('open', 'integer', (c) => c.notNull())
      .execute();
    const deadlines = names.table('caseload_deadlines');
    await db.schema
      .createTable(deadlines)
      .ifNotExists()
      .addColumn('deadline_id', 'varchar(300)', (c) => c.primaryKey())
      .addColumn('case_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('due_at', 'varchar(40)', (c) => c.notNull())
      .execute();
    // A case's owed deadlines are replaced by case id; the team index serves the caseload queries only.
    await db.schema.createIndex(names.index('caseload_deadlines', 'case')).ifNotExists().on(deadlines).column('case_id').execute();
    if (part === 'apply') return;
    await db.schema.createIndex(names.index('caseload_cases', 'open_team')).ifNotExists().on(cases).columns(['open', 'team']).execute();
  }

  apply(ctx: ProjectionContext<CaseloadTables>, event: RecordedEvent): Promise<void> {
    return asOneEvent(this.applyBatch(ctx, [event]));
  }

  /**
   * Each case of the batch folded once; its row upserted and its owed deadlines replaced, in bulk.
   * Either is left alone when it comes out as it was before the batch: most events change neither.
   */
  async applyBatch({ trx, table }: ProjectionContext<CaseloadTables>, events: readonly RecordedEvent[]): Promise<void> {
    const cases: CaseloadCaseTable[] = [];
    const owedChanged: string[] = [];
    const owed: CaseloadDeadlineTable[] = [];
    for (const { caseId, definition, value, previous } of await this.folds.foldBatch(events)) {
      const row = caseRow(caseId, definition, value);
      if (previous === undefined || !sameRows([row], [caseRow(caseId, definition, previous)])) cases.push(row);
      const deadlines = owedRows(caseId, value);
      if (previous !== undefined && sameRows(deadlines, owedRows(caseId, previous))) continue;
      owedChanged.push(caseId);
      owed.push(...deadlines);
    }
    await upsertRows(trx, table('caseload_cases'), ['case_id'], cases);
    await deleteWhereIn(trx, table('caseload_deadlines'), 'case_id', owedChanged);
    await insertRows(trx, table('caseload_deadlines'), owed);
  }
}

type CaseloadFold = WithState & { waits: CaseWaits };

function caseRow(caseId: string, definition: CaseTypeDefinition, value: CaseloadFold): CaseloadCaseTable {
  const summary = definition.summarise(value.state);
  return {
    case_id: caseId,
    case_type: definition.caseType,
    assignee_id: summary.assignee?.caseworkerId ?? null,
    team: summary.assignee?.agency ?? summary.agencies[0] ?? null,
    agencies: JSON.stringify([...new Set(summary.agencies)].sort()),
    restricted: definition.restrictedByDefault || summary.restricted ? 1 : 0,
    risk: summary.risk ?? NO_RISK,
    open: summary.closedAt === undefined ? 1 : 0,
  };
}

function owedRows(caseId: string, value: CaseloadFold): CaseloadDeadlineTable[] {
  return stillOwed(value.waits).map((d) => ({ deadline_id: d.deadlineId, case_id: caseId, due_at: d.dueAt }));
}
