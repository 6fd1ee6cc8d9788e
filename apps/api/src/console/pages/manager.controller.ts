import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { partnershipReportCsv, partnershipReportRows } from '@casetrail/projections';
import { addDays, addMonths, londonDate } from '@casetrail/workflow';
import { authorise } from '../../auth/access-policy';
import { Public } from '../../auth/auth.guard';
import { PartnershipReportQuery } from '../../reports/partnership-report.controller';
import { signedIn } from '../console-request';
import { ConsoleErrorFilter } from '../console-error.filter';
import { ConsoleGuard } from '../console.guard';
import { ConsoleServices } from '../console-services';
import { ConsoleViews } from '../console-views';
import { DashboardFigures } from './dashboard-figures';

/** The dashboard (charts) and the partnership report (choose a period, download CSV). */
@Controller()
@Public()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
export class ManagerController {
  constructor(
    private readonly services: ConsoleServices,
    private readonly figures: DashboardFigures,
    private readonly views: ConsoleViews,
  ) {}

  @Get('dashboard')
  async dashboard(@Req() req: Request, @Res() res: Response) {
    authorise(signedIn(req), 'stats.read');
    this.views.render(req, res, 'dashboard.njk', { title: 'Dashboard', ...(await this.figures.charts()) });
  }

  @Get('report')
  async report(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, string>) {
    authorise(signedIn(req), 'report.read');
    const today = londonDate(this.services.now().toISOString());
    const chosen = query.from !== undefined || query.to !== undefined;
    const period = { from: query.from ?? addDays(addMonths(today, -12), 1), to: query.to ?? today };
    const parsed = PartnershipReportQuery.safeParse(period);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => {
        const field = String(i.path[0] ?? 'from');
        return { text: `${field === 'to' ? 'End date' : 'Start date'}: ${i.message.replace(/^Invalid input: /, '')}`, href: `#${field}` };
      });
      return this.views.render(req, res, 'report.njk', { title: 'Partnership report', period, errors }, 400);
    }
    const report = chosen ? await this.services.reports.report(parsed.data) : undefined;
    this.views.render(req, res, 'report.njk', { title: 'Partnership report', period, rows: report ? partnershipReportRows(report) : undefined });
  }

  @Get('report/download')
  async download(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, string>) {
    authorise(signedIn(req), 'report.read');
    const parsed = PartnershipReportQuery.safeParse({ from: query.from, to: query.to });
    if (!parsed.success) return res.redirect(303, `/report?${new URLSearchParams({ from: String(query.from ?? ''), to: String(query.to ?? '') })}`);
    const csv = partnershipReportCsv(await this.services.reports.report(parsed.data));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="partnership-report-${parsed.data.from}-to-${parsed.data.to}.csv"`);
    res.send(`${csv.join('\r\n')}\r\n`);
  }
}
