import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { authorise } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/auth.guard';
import { Principal } from '../auth/principal';
import { parseQuery } from '../cases/http-input';
import { CaseCounts } from './case-counts.service';

export const StatsQuery = z.strictObject({ consistentWith: z.coerce.number().int().min(0).optional() });

/**
 * GET /api/stats: how many cases are in each type, stage and risk. Restricted cases are counted
 * for everyone allowed stats.read: a count names no case and no person (docs/security.md).
 */
@Controller('api/stats')
export class StatsController {
  constructor(private readonly caseCounts: CaseCounts) {}

  @Get()
  async stats(@Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    authorise(principal, 'stats.read');
    const { consistentWith } = parseQuery(StatsQuery, query);
    return this.caseCounts.counts(consistentWith);
  }
}
