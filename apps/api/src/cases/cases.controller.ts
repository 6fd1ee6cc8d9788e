import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CommandOutcome } from '@casetrail/workflow';
import { CurrentPrincipal } from '../auth/auth.guard';
import { Principal } from '../auth/principal';
import { Clock, CLOCK } from '../clock';

import { ReadModels } from '../read-model/read-models.service';
import { CommandSource, OpenCaseOutcome } from './case-commands.service';
import { CaseListQuery } from './case-list.service';
import { ReadContext } from './case-queries.service';
import { OpenCaseCommand } from './commands/open-case.command';
import { SendCaseCommand } from './commands/send-case-command.command';
import { CommandBody, endpointOf, OpenCaseBody, parseBody, parseIdempotencyKey, parseIfMatch, parseQuery, requestIdOf } from './http-input';
import { Idempotency, StoredResponse } from './idempotency.service';
import { GetCaseHistoryQuery, GetCaseQuery, ListCasesQuery } from './queries/case.queries';
import { CommandMetricsInterceptor } from '../metrics/command-metrics.interceptor';

const PointInTime = z.strictObject({
  asOf: z.iso.datetime({ offset: true }).optional(),
  revision: z.coerce.number().int().min(0).optional(),
});

@Controller('api/cases')
export class CasesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly idempotency: Idempotency,
    private readonly readModel: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @UseInterceptors(CommandMetricsInterceptor)
  async open(@Req() req: Request, @Res() res: Response, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @Headers('idempotency-key') key?: string) {
    const { type, data } = parseBody(OpenCaseBody, body);
    await this.idempotent(req, res, principal, key, undefined, async (source) => {
      const outcome: OpenCaseOutcome = await this.commandBus.execute(new OpenCaseCommand(source, type, data));
      return {
        status: 201,
        headers: { Location: `/api/cases/${outcome.caseId}`, ETag: `"${outcome.revision}"` },
        body: {
          caseId: outcome.caseId,
          type: outcome.caseType,
          revision: outcome.revision,
          position: outcome.position,
          ...(outcome.repeatMatches ? { repeatMatches: outcome.repeatMatches } : {}),
        },
      };
    });
  }

  @Post(':caseId/commands')
  @HttpCode(200)
  @UseInterceptors(CommandMetricsInterceptor)
  async send(
    @Req() req: Request,
    @Res() res: Response,
    @Param('caseId') caseId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatchHeader?: string,
    @Headers('idempotency-key') key?: string,
  ) {
    const command = parseBody(CommandBody, body);
    const ifMatch = parseIfMatch(ifMatchHeader);
    await this.idempotent(req, res, principal, key, caseId, async (source) => {
      const outcome: CommandOutcome = await this.commandBus.execute(new SendCaseCommand(source, caseId, command, ifMatch));
      return {
        status: 200,
        headers: { ETag: `"${outcome.revision}"` },
        body: {
          revision: outcome.revision,
          position: outcome.position,
          events: outcome.events.map((e) => ({ eventId: e.eventId, type: e.type, revision: e.revision, position: e.position, data: e.data })),
        },
      };
    });
  }

  @Get()
  async list(@Req() req: Request, @Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    const parsed = parseQuery(CaseListQuery, query);
    await this.readModel.consistentWith(parsed.consistentWith);
    return this.queryBus.execute(new ListCasesQuery(this.readContext(req, principal), parsed));
  }

  @Get(':caseId')
  async get(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('caseId') caseId: string, @Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    const { asOf, revision } = parseQuery(PointInTime, query);
    const view = await this.queryBus.execute(
      new GetCaseQuery(this.readContext(req, principal), caseId, { ...(asOf ? { asOf } : {}), ...(revision !== undefined ? { upToRevision: revision } : {}) }),
    );
    res.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @Get(':caseId/history')
  history(@Req() req: Request, @Param('caseId') caseId: string, @CurrentPrincipal() principal: Principal) {
    return this.queryBus.execute(new GetCaseHistoryQuery(this.readContext(req, principal), caseId));
  }

  private readContext(req: Request, principal: Principal): ReadContext {
    return { principal, endpoint: endpointOf(req), requestId: requestIdOf(req), now: this.clock().toISOString() };
  }

  /**
   * Runs a command once per Idempotency-Key: a replay gets the first response and writes nothing.
   * `caseId`: the case whose events the response lists (their personal data is stored sealed).
   */
  private async idempotent(
    req: Request,
    res: Response,
    principal: Principal,
    rawKey: string | undefined,
    caseId: string | undefined,
    run: (source: CommandSource) => Promise<StoredResponse>,
  ) {
    const key = parseIdempotencyKey(rawKey);
    const now = this.clock().toISOString();
    const keyHash = key ? this.idempotency.keyHash(principal.userId, key) : undefined;
    // Only a keyed request is compared with an earlier one: hashing the body of the others is waste.
    const requestHash = keyHash ? this.idempotency.requestHash(req.method, req.path, { body: req.body, ifMatch: req.headers['if-match'] ?? null }) : undefined;
    const replay = keyHash && requestHash ? await this.idempotency.replay(keyHash, requestHash, now) : undefined;
    const response =
      replay ??
      (await run({
        principal,
        // Key and body together: a key reused with another body after it expired is a new command.
        commandId: keyHash && requestHash ? `idem-${this.idempotency.commandIdFor(keyHash, requestHash)}` : randomUUID(),
        correlationId: requestIdOf(req) || randomUUID(),
        occurredAt: now,
      }));
    if (keyHash && requestHash && !replay) await this.idempotency.remember(keyHash, requestHash, response, now, caseId);
    if (replay) res.setHeader('Idempotent-Replayed', 'true');
    Object.entries(response.headers).forEach(([name, value]) => res.setHeader(name, value));
    res.status(response.status).json(response.body);
  }
}
