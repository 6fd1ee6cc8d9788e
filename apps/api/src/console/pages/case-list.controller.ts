import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Public } from '../../auth/auth.guard';
import { CASE_LIST_SORTS, CaseListQuery } from '../../cases/case-list.service';
import { parseQuery } from '../../cases/http-input';
import { ListCasesQuery } from '../../cases/queries/case.queries';
import { signedIn } from '../console-request';
import { ConsoleErrorFilter } from '../console-error.filter';
import { ConsoleGuard } from '../console.guard';
import { ConsoleServices } from '../console-services';
import { ConsoleViews } from '../console-views';

const SORTS = CASE_LIST_SORTS;

/** What the filter form sends: blanks are "any". */
const CaseFilters = z.strictObject({
  type: z.string().max(50).optional(),
  stage: z.string().max(50).optional(),
  risk: z.enum(['standard', 'medium', 'high']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  mine: z.enum(['true']).optional(),
  sort: z.enum(SORTS).default('newest'),
  cursor: z.string().max(500).optional(),
  after: z.coerce.number().int().min(0).optional(),
});

/** My cases: the case list read model, filtered and sorted by the query, one page at a time. */
@Controller('cases')
@Public()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
export class CaseListController {
  constructor(
    private readonly services: ConsoleServices,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Query() raw: Record<string, string>) {
    const principal = signedIn(req);
    const blanksRemoved = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
    const filters = parseQuery(CaseFilters, blanksRemoved);
    const query = parseQuery(CaseListQuery, {
      ...(filters.type ? { type: filters.type } : {}),
      ...(filters.stage ? { stage: filters.stage } : {}),
      ...(filters.risk ? { risk: filters.risk } : {}),
      ...(filters.overdue ? { overdue: filters.overdue } : {}),
      ...(filters.mine ? { assignee: principal.userId } : {}),
      ...(filters.cursor ? { cursor: filters.cursor } : {}),
      sort: filters.sort,
      limit: '50',
    });
    // Just after a change the list may lag the stream by a moment: wait for it (a redirect says how far).
    if (filters.after !== undefined) await this.services.readModels.waitFor(filters.after, 2000);
    const page: { items: unknown[]; nextCursor: string | null } = await this.services.queryBus.execute(
      new ListCasesQuery(this.services.readContext(req, principal), query),
    );
    const nextQuery = new URLSearchParams({ ...blanksRemoved, ...(page.nextCursor ? { cursor: page.nextCursor } : {}) });
    nextQuery.delete('after');
    this.views.render(req, res, 'case-list.njk', {
      title: principal.role === 'auditor' ? 'Cases' : 'My cases',
      filters,
      items: page.items,
      nextHref: page.nextCursor ? `/cases?${nextQuery.toString()}` : null,
      caseTypes: this.services.caseTypes.all().map((d) => d.caseType),
      sorts: SORTS,
      now: this.services.now().toISOString(),
    });
  }
}
