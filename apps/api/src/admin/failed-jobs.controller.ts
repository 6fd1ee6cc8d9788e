import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { authorise } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/auth.guard';
import { Principal } from '../auth/principal';
import { endpointOf, parseQuery, requestIdOf } from '../cases/http-input';
import { Clock, CLOCK } from '../clock';
import { FailedJobsView } from './failed-jobs.service';

export const FailedJobsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** Deadline and sweep jobs that failed for good, newest first, with the reason (admins only). */
@Controller('api/admin/jobs')
export class FailedJobsController {
  constructor(
    private readonly failedJobs: FailedJobsView,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('failed')
  list(@Query() query: unknown, @Req() req: Request, @CurrentPrincipal() principal: Principal) {
    authorise(principal, 'admin.jobs');
    const { limit } = parseQuery(FailedJobsQuery, query);
    return this.failedJobs.list({ principal, endpoint: endpointOf(req), requestId: requestIdOf(req), now: this.clock().toISOString() }, limit);
  }
}
