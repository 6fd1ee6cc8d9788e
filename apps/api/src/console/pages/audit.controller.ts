import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AuditPack, auditPackCsv, auditPackHtml, FieldChange } from '@casetrail/audit';
import { authorise, isAllowed } from '../../auth/access-policy';
import { Public } from '../../auth/auth.guard';
import { GetAuditPackQuery, GetCaseDiffQuery } from '../../audit/audit.queries';
import { parseQuery } from '../../cases/http-input';
import { signedIn } from '../console-request';
import { ConsoleErrorFilter } from '../console-error.filter';
import { ConsoleGuard } from '../console.guard';
import { ConsoleServices } from '../console-services';
import { ConsoleViews } from '../console-views';
import { londonInstant } from '../forms/form-data';
import { toProblem } from '../../problems/problem-mapping';
import { loadCaseView, loadHistory } from './case-loading';

const Revision = z.coerce.number().int().min(0);
const HistoryQuery = z.strictObject({
  asOf: z.string().max(40).optional(),
  revision: Revision.optional(),
  from: Revision.optional(),
  to: Revision.optional(),
});
const PackQuery = z.strictObject({ format: z.enum(['json', 'csv', 'html']).default('json') });

/** The auditor's view of one case: timeline, the state as of a time or revision, a diff, the pack. */
@Controller('cases/:caseId')
@Public()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
export class AuditController {
  constructor(
    private readonly services: ConsoleServices,
    private readonly views: ConsoleViews,
  ) {}

  @Get('history')
  async history(@Req() req: Request, @Res() res: Response, @Param('caseId') caseId: string, @Query() raw: Record<string, string>) {
    const principal = signedIn(req);
    const query = parseQuery(HistoryQuery, Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '')));
    const history = await loadHistory(this.services, req, principal);
    const latest = history.events.at(-1)?.revision ?? 0;
    const errors: { text: string; href: string }[] = [];
    const asOf = query.asOf ? londonInstant(query.asOf) : undefined;
    if (query.asOf && !asOf) errors.push({ text: 'State as of: enter a date and time, like 2026-03-27T14:30', href: '#asOf' });
    const pointInTime = asOf ? { asOf } : query.revision !== undefined ? { upToRevision: Math.min(query.revision, latest) } : undefined;
    // Before its first event the case did not exist: say so on the page rather than answer 404.
    const asOfView = pointInTime
      ? await loadCaseView(this.services, req, principal, pointInTime).catch((error: unknown) => {
          if (toProblem(error).status === 404) return null;
          throw error;
        })
      : undefined;
    const diff = query.from !== undefined && query.to !== undefined ? await this.diff(req, caseId, Math.min(query.from, latest), Math.min(query.to, latest)) : undefined;
    const pack: AuditPack | undefined = isAllowed(principal.role, 'audit.pack')
      ? await this.services.queryBus.execute(new GetAuditPackQuery(this.services.readContext(req, principal), caseId))
      : undefined;
    this.views.render(req, res, 'history.njk', {
      title: 'Case history',
      caseId,
      latest,
      query: { ...query, asOf: query.asOf ?? '' },
      timeline: [...history.timeline].reverse(),
      asOfView,
      notYet: asOfView === null,
      asOfState: asOfView ? JSON.stringify(asOfView.state, null, 2) : undefined,
      diff,
      verification: pack?.verification,
      mayDownload: pack !== undefined,
      errors,
    }, errors.length ? 400 : 200);
  }

  @Get('audit-pack')
  async pack(@Req() req: Request, @Res() res: Response, @Param('caseId') caseId: string, @Query() raw: unknown) {
    const principal = signedIn(req);
    authorise(principal, 'audit.pack');
    const { format } = parseQuery(PackQuery, raw);
    const pack: AuditPack = await this.services.queryBus.execute(new GetAuditPackQuery(this.services.readContext(req, principal), caseId));
    const name = `audit-pack-${pack.caseId}-r${pack.revision}`;
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
    if (format === 'csv') return res.type('text/csv; charset=utf-8').send(auditPackCsv(pack));
    if (format === 'html') return res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'").type('html').send(auditPackHtml(pack));
    return res.type('application/json').send(JSON.stringify(pack, null, 2));
  }

  private async diff(req: Request, caseId: string, from: number, to: number): Promise<{ from: number; to: number; changes: FieldChange[]; events: { revision: number; description: string }[] }> {
    return this.services.queryBus.execute(new GetCaseDiffQuery(this.services.readContext(req, signedIn(req)), caseId, from, to));
  }
}
