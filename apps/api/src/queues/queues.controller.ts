import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { authorise } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/auth.guard';
import { Principal } from '../auth/principal';
import { ReadContext } from '../cases/case-queries.service';
import { endpointOf, parseQuery, requestIdOf } from '../cases/http-input';
import { Clock, CLOCK } from '../clock';
import { CaseloadsQuery, CaseloadsView } from './caseloads.service';
import { EscalationQueue, EscalationQueueQuery } from './escalation-queue.service';

/** The managers' views: what needs escalating, and who carries what. Both need queue.read. */
@Controller('api')
export class QueuesController {
  constructor(
    private readonly escalations: EscalationQueue,
    private readonly caseloadsView: CaseloadsView,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('queues/escalations')
  escalationQueue(@Req() req: Request, @Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    authorise(principal, 'queue.read');
    return this.escalations.list(this.readContext(req, principal), parseQuery(EscalationQueueQuery, query));
  }

  @Get('caseloads')
  caseloads(@Req() req: Request, @Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    authorise(principal, 'queue.read');
    return this.caseloadsView.caseloads(this.readContext(req, principal), parseQuery(CaseloadsQuery, query));
  }

  private readContext(req: Request, principal: Principal): ReadContext {
    return { principal, endpoint: endpointOf(req), requestId: requestIdOf(req), now: this.clock().toISOString() };
  }
}
