import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { authorise } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/auth.guard';
import { Principal } from '../auth/principal';
import { AccessLog } from '../cases/access-log.service';
import { parseQuery } from '../cases/http-input';

const AccessLogQuery = z.strictObject({
  caseId: z.string().max(200).optional(),
  userId: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Auditors read who read which restricted case, when, and through which endpoint. */
@Controller('api/audit')
export class AccessLogController {
  constructor(private readonly accessLog: AccessLog) {}

  @Get('access')
  async list(@Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    authorise(principal, 'audit.access-log');
    const filter = parseQuery(AccessLogQuery, query);
    const items = await this.accessLog.list(filter);
    return { items, nextAfter: items.length === filter.limit ? items.at(-1)!.id : null };
  }
}
