import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { CasetrailDatabase } from '@casetrail/persistence';
import type { CaseSummaryTables, PartnershipReport } from '@casetrail/projections';
import { addDays, addMonths, londonDate } from '@casetrail/workflow';
import { DATABASE } from '../../persistence/database.module';
import { barChart, BarChart } from '../charts/bar-chart';
import { ConsoleServices } from '../console-services';
import { humanise } from '../forms/json-schema';

const RISKS = ['high', 'medium', 'standard', 'not-assessed'];

/** The managers' dashboard: four charts from the read models (aggregates only, no case or person). */
@Injectable()
export class DashboardFigures {
  constructor(
    @Inject(DATABASE) private readonly db: CasetrailDatabase,
    private readonly services: ConsoleServices,
  ) {}

  async charts(): Promise<{ charts: BarChart[]; period: { from: string; to: string }; conversion: string }> {
    const today = londonDate(this.services.now().toISOString());
    const period = { from: addDays(addMonths(today, -12), 1), to: today };
    const [counts, report, intake] = await Promise.all([this.services.caseCounts.counts(), this.services.reports.report(period), this.monthlyIntake(period.from)]);
    const byStage = new Map<string, number>();
    counts.counts.forEach((c) => byStage.set(`${humanise(c.type)}: ${humanise(c.stage)}`, (byStage.get(`${humanise(c.type)}: ${humanise(c.stage)}`) ?? 0) + c.cases));
    const types = [...new Set(intake.map((r) => r.caseType))].sort();
    const months = monthsFrom(period.from, today);
    const risk = report.domesticAbuse.referrals.byRiskLevel;
    return {
      period,
      conversion: conversionText(report),
      charts: [
        barChart('by-stage', 'Cases by stage', ['Cases'], [...byStage].sort(([a], [b]) => a.localeCompare(b)).map(([label, n]) => ({ label, values: [n] }))),
        barChart('intake', 'Cases opened each month, by type', types.map(humanise), months.map((month) => ({
          label: monthLabel(month),
          values: types.map((t) => intake.find((r) => r.caseType === t && r.month === month)?.cases ?? 0),
        }))),
        barChart('da-risk', 'Domestic-abuse referrals by risk, last 12 months', ['Referrals'], RISKS.map((level) => ({ label: humanise(level), values: [risk[level] ?? 0] }))),
        barChart('cpw-cpn', 'Community Protection Warnings and Notices, last 12 months', ['Issued'], [
          { label: 'Warnings (CPW) issued', values: [report.cpwCpn.cpwsIssued] },
          { label: 'Notices (CPN) issued', values: [report.cpwCpn.cpnsIssued] },
        ]),
      ],
    };
  }

  private async monthlyIntake(from: string): Promise<{ caseType: string; month: string; cases: number }[]> {
    const month = sql<string>`substr(opened_at, 1, 7)`;
    const rows = await this.db
      .withTables<CaseSummaryTables>()
      .selectFrom('case_summaries')
      .select(['case_type', month.as('month'), sql<number>`count(*)`.as('cases')])
      .where('opened_at', '>=', from)
      .groupBy(['case_type', month])
      .execute();
    return rows.map((r) => ({ caseType: r.case_type, month: r.month, cases: Number(r.cases) }));
  }
}

function conversionText(report: PartnershipReport): string {
  const { cpwsIssued, cpnsIssued } = report.cpwCpn;
  if (cpwsIssued === 0) return 'No warnings were issued in the period, so there is no conversion rate.';
  return `${cpnsIssued} notice${cpnsIssued === 1 ? '' : 's'} for ${cpwsIssued} warning${cpwsIssued === 1 ? '' : 's'}: ${Math.round((cpnsIssued / cpwsIssued) * 100)}% of warnings led to a notice.`;
}

function monthsFrom(from: string, to: string): string[] {
  const months: string[] = [];
  for (let date = `${from.slice(0, 7)}-01`; date.slice(0, 7) <= to.slice(0, 7); date = addMonths(date, 1)) months.push(date.slice(0, 7));
  return months;
}

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

function monthLabel(month: string): string {
  return MONTH.format(new Date(`${month}-15T00:00:00Z`));
}
