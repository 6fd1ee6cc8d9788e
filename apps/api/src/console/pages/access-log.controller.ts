import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { authorise } from '../../auth/access-policy';
import { Public } from '../../auth/auth.guard';
import { parseQuery } from '../../cases/http-input';
import { signedIn } from '../console-request';
import { ConsoleErrorFilter } from '../console-error.filter';
import { ConsoleGuard } from '../console.guard';
import { ConsoleServices } from '../console-services';
import { ConsoleViews } from '../console-views';

const PAGE = 100;
const AccessLogFilters = z.strictObject({
  caseId: z.string().max(200).optional(),
  userId: z.string().max(200).optional(),
  after: z.coerce.number().int().min(0).optional(),
});

/** Who read which restricted case, when, and through which page or endpoint. */
@Controller('access-log')
@Public()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
export class AccessLogController {
  constructor(
    private readonly services: ConsoleServices,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Query() raw: Record<string, string>) {
    authorise(signedIn(req), 'audit.access-log');
    const filters = parseQuery(AccessLogFilters, Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '')));
    const items = await this.services.accessLog.list({ ...filters, limit: PAGE });
    const next = items.length === PAGE ? new URLSearchParams({ ...(filters.caseId ? { caseId: filters.caseId } : {}), ...(filters.userId ? { userId: filters.userId } : {}), after: String(items.at(-1)!.id) }) : undefined;
    this.views.render(req, res, 'access-log.njk', { title: 'Access log', filters, items, nextHref: next ? `/access-log?${next.toString()}` : undefined });
  }
}
