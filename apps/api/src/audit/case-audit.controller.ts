import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AuditPack, auditPackCsv, auditPackHtml } from '@casetrail/audit';
import { CurrentPrincipal } from '../auth/auth.guard';
import { Principal } from '../auth/principal';
import { Clock, CLOCK } from '../clock';
import { ReadContext } from '../cases/case-queries.service';
import { endpointOf, parseQuery, requestIdOf } from '../cases/http-input';
import { GetAuditPackQuery, GetCaseDiffQuery } from './audit.queries';

const Revision = z.coerce.number().int().min(0);
const DiffQuery = z.strictObject({ from: Revision, to: Revision });
const AuditPackQuery = z.strictObject({ format: z.enum(['json', 'csv', 'html']).default('json') });

/** An HTML pack may not run anything, even if opened from disk with this header lost. */
const PACK_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** Auditors' reads of one case: a diff between two revisions, and the audit pack. */
@Controller('api/cases')
export class CaseAuditController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':caseId/diff')
  diff(@Req() req: Request, @Param('caseId') caseId: string, @Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    const { from, to } = parseQuery(DiffQuery, query);
    return this.queryBus.execute(new GetCaseDiffQuery(this.readContext(req, principal), caseId, from, to));
  }

  @Get(':caseId/audit-pack')
  async pack(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('caseId') caseId: string,
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { format } = parseQuery(AuditPackQuery, query);
    const pack: AuditPack = await this.queryBus.execute(new GetAuditPackQuery(this.readContext(req, principal), caseId));
    // Personal data: no copy kept by a browser or a proxy.
    res.setHeader('Cache-Control', 'no-store');
    if (format === 'json') return pack;
    const name = `audit-pack-${pack.caseId}-r${pack.revision}`;
    if (format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
      return auditPackCsv(pack);
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', PACK_CSP);
    res.setHeader('Content-Disposition', `inline; filename="${name}.html"`);
    return auditPackHtml(pack);
  }

  private readContext(req: Request, principal: Principal): ReadContext {
    return { principal, endpoint: endpointOf(req), requestId: requestIdOf(req), now: this.clock().toISOString() };
  }
}
