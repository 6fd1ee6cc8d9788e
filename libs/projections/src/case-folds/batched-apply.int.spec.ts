import { Kysely, sql } from 'kysely';
import { CASE_TYPES } from '@casetrail/cases';
import { RecordedEvent, SqliteEventStore } from '@casetrail/event-store';
import { CasetrailDatabase, createDatabase } from '@casetrail/persistence';
import { generateBoroughYear } from '../../../../tests/support/year-generator';
import { Casework } from '../../../../tests/support/year-generator-casework';
import { CaseSummaryProjection } from '../case-summary/case-summary.projection';
import { CaseloadProjection } from '../caseload/caseload.projection';
import { CaseCountsProjection } from '../counts/case-counts.projection';
import { EscalationQueueProjection } from '../escalation-queue/escalation-queue.projection';
import { OpenDeadlinesProjection } from '../open-deadlines/open-deadlines.projection';
import { PartnershipReportProjection } from '../partnership-report/partnership-report.projection';
import { RepeatIndexProjection } from '../repeat-index/repeat-index.projection';
import { Projection, TableNames } from '../projection';
import { applyEvents } from '../runner/apply-events';
import { caseTypeOfStream } from '../runner/case-type-of-stream';

const definitionFor = caseTypeOfStream(CASE_TYPES);

type AnyProjection = Projection<Record<string, Record<string, unknown>>>;

/** Tables of one way of applying, side by side with the others in one database. */
const suffixed = <T>(suffix: string): TableNames<T> => ({
  table: (logical) => `${logical}_${suffix}` as typeof logical,
  index: (logical, s) => `${logical}_${suffix}_${s}`,
});

/**
 * Rule: a batch applied in bulk (each case folded once, its folds kept between batches, rows in
 * multi-row statements) leaves exactly the rows that applying the events one at a time, reading
 * and folding each case's stream afresh for every event, leaves. Also when folds are dropped
 * between batches (a fold cache of two cases) and have to be read again from the stream.
 */
describe('projections applied in batches, with case folds kept between batches', () => {
  let store: SqliteEventStore;
  let db: CasetrailDatabase;
  let events: RecordedEvent[];

  beforeAll(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    await store.init();
    db = createDatabase({ dialect: 'sqlite', path: ':memory:' });
    // A borough-year through the command path: the case types' events, interleaved by day.
    await generateBoroughYear(new Casework(store), 7, { from: '2025-04-01', to: '2026-03-31' });
    // Every event of up to 40 cases of each type (whole streams, so each is a valid history), to stay quick.
    const all = await store.readAll({ maxCount: 1_000_000 });
    const chosen = new Set<string>();
    for (const definition of CASE_TYPES) {
      [...new Set(all.map((e) => e.streamId).filter((id) => definitionFor(id) === definition))].slice(0, 40).forEach((id) => chosen.add(id));
    }
    events = all.filter((e) => chosen.has(e.streamId));
  }, 60_000);
  afterAll(async () => {
    await db.destroy();
    await store.close();
  });

  const projections: [string, (capacity: number) => AnyProjection][] = [
    ['case summary', (c) => new CaseSummaryProjection(store, definitionFor, c) as unknown as AnyProjection],
    ['counts', (c) => new CaseCountsProjection(store, definitionFor, c) as unknown as AnyProjection],
    ['escalation queue', (c) => new EscalationQueueProjection(store, definitionFor, c) as unknown as AnyProjection],
    ['caseload', (c) => new CaseloadProjection(store, definitionFor, c) as unknown as AnyProjection],
    ['open deadlines', () => new OpenDeadlinesProjection(definitionFor) as unknown as AnyProjection],
    ['partnership report', () => new PartnershipReportProjection(definitionFor) as unknown as AnyProjection],
    ['repeat index', () => new RepeatIndexProjection(definitionFor) as unknown as AnyProjection],
  ];

  async function build(projection: AnyProjection, suffix: string, batchSize: number): Promise<string[][]> {
    const names = suffixed<Record<string, Record<string, unknown>>>(suffix);
    await projection.createTables(db as unknown as Kysely<Record<string, Record<string, unknown>>>, names);
    for (let i = 0; i < events.length; i += batchSize) {
      const batch = events.slice(i, i + batchSize);
      await db.transaction().execute(async (trx) => {
        if (batchSize === 1) await projection.apply({ trx: trx as never, ...names }, batch[0]!);
        else await applyEvents(trx, projection, names, batch);
      });
    }
    const rowsOf = async (table: string) =>
      (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(names.table(table))}`.execute(db)).rows.map((r) => JSON.stringify(r)).sort();
    return Promise.all(projection.tables.map(rowsOf));
  }

  it.each(projections)('%s: batches of 100 equal one event at a time with every stream read afresh', async (name, make) => {
    const tag = name.replace(/ /g, '_');
    // Capacity 0: no fold is kept, so every event reads and folds its case's stream, as before batching.
    const oneByOne = await build(make(0), `${tag}_one`, 1);
    const batched = await build(make(20_000), `${tag}_bulk`, 100);
    const evicting = await build(make(2), `${tag}_evict`, 100);
    expect(oneByOne.flat().length).toBeGreaterThan(0);
    expect(batched).toEqual(oneByOne);
    expect(evicting).toEqual(oneByOne);
  }, 60_000);
});
