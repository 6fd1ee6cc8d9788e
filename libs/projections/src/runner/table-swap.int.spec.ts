import { sql } from 'kysely';
import { describeOnEachDialect, openFixture, ProjectionFixture } from '../../../../tests/projections/support/projection-fixture';
import { definitionFor } from '../../../../tests/projections/support/casework';
import { CaseSummaryProjection } from '../case-summary/case-summary.projection';
import { Projection } from '../projection';
import { createShadowTables, dropShadowTables, readyShadowForReaders, swapShadowIntoLive } from './table-swap';

/**
 * Rule: a shadow is filled with only the indexes the projection's own statements use; the
 * indexes only queries use are built once it is filled, and after the swap the live table has
 * every index under its live name; on PostgreSQL with the statistics taken of the filled shadow.
 */
describeOnEachDialect('shadow tables indexed for readers once filled', (dialect) => {
  let fx: ProjectionFixture;
  beforeAll(async () => {
    fx = await openFixture(dialect);
  });
  afterAll(() => fx.close());

  /** Named (not automatic) indexes of the table, without the primary key's. */
  async function indexesOf(table: string): Promise<string[]> {
    const { rows } =
      dialect === 'postgres'
        ? await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ${table} AND indexname NOT LIKE '%_pkey'`.execute(fx.db)
        : await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ${table} AND sql IS NOT NULL`.execute(fx.db);
    return rows.map((r) => r.name).sort();
  }

  it('builds the case list indexes after the shadow is filled, and swaps them in under their live names', async () => {
    const projection = new CaseSummaryProjection(fx.store, definitionFor) as unknown as Projection<unknown>;
    await createShadowTables(fx.db, projection);
    try {
      // The rows are written by key: no other index while the shadow is filled.
      expect(await indexesOf('case_summaries__shadow')).toEqual([]);
      await readyShadowForReaders(fx.db, projection);
      // PostgreSQL renames a shadow's indexes with the swap; SQLite creates them under the live names in it.
      expect((await indexesOf('case_summaries__shadow')).length).toBe(dialect === 'postgres' ? 7 : 0);
      await fx.db.transaction().execute((trx) => swapShadowIntoLive(trx, projection));
    } finally {
      await dropShadowTables(fx.db, projection);
    }
    if (dialect === 'postgres') {
      // Analysed as the shadow, before the swap: the statistics went with the rename.
      const { rows } = await sql<{ analysed: unknown }>`SELECT pg_stat_get_last_analyze_time('case_summaries'::regclass) AS analysed`.execute(fx.db);
      expect(rows[0]!.analysed).not.toBeNull();
    }
    expect(await indexesOf('case_summaries')).toEqual(
      ['assignee_id', 'by_activity', 'by_deadline', 'by_opened', 'case_type', 'opened_at', 'stage'].map((suffix) => `case_summaries_${suffix}`),
    );
  });
});
