import { CasetrailDatabase } from '@casetrail/persistence';
import { FactGroup, FactTally } from './fact-tally';
import { buildPartnershipReport, PartnershipReport } from './partnership-report';
import { PartnershipReportTables } from './report-facts.table';
import { previousYearOf, ReportPeriod } from './report-period';

/**
 * The partnership report for a period (dates inclusive), from the report_facts read model.
 * One query, written once for SQLite and PostgreSQL, run for the period and the year before.
 */
export async function queryPartnershipReport(db: CasetrailDatabase, period: ReportPeriod): Promise<PartnershipReport> {
  const previousYear = previousYearOf(period);
  const [facts, factsYearBefore] = await Promise.all([tallyFacts(db, period), tallyFacts(db, previousYear)]);
  return buildPartnershipReport(period, facts, previousYear, factsYearBefore);
}

async function tallyFacts(db: CasetrailDatabase, { from, to }: ReportPeriod): Promise<FactTally> {
  const rows = await db
    .withTables<PartnershipReportTables>()
    .selectFrom('report_facts')
    .select((eb) => ['kind', 'dimension', eb.fn.countAll().as('facts'), eb.fn.sum('quantity').as('total')])
    .where('occurred_on', '>=', from)
    .where('occurred_on', '<=', to)
    .groupBy(['kind', 'dimension'])
    .execute();
  // PostgreSQL returns count and sum as bigint; the values are small.
  return new FactTally(rows.map((r): FactGroup => ({ kind: r.kind, dimension: r.dimension, facts: Number(r.facts), total: Number(r.total) })));
}
