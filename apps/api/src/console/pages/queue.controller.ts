import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ESCALATION_REASONS } from '@casetrail/projections';
import { authorise } from '../../auth/access-policy';
import { Public } from '../../auth/auth.guard';
import { SendCaseCommand } from '../../cases/commands/send-case-command.command';
import { parseQuery } from '../../cases/http-input';
import { GetCaseQuery } from '../../cases/queries/case.queries';
import { preconditionFailed } from '../../problems/http-errors';
import { EscalationQueueQuery } from '../../queues/escalation-queue.service';
import { signedIn } from '../console-request';
import { ConsoleErrorFilter } from '../console-error.filter';
import { ConsoleGuard } from '../console.guard';
import { ConsoleServices } from '../console-services';
import { ConsoleViews } from '../console-views';
import { isConcurrentChange } from '../forms/command-form';
import { ruleText } from '../forms/form-errors';
import type { FormValues } from '../forms/form-model';
import { toProblem } from '../../problems/problem-mapping';
import type { CaseView } from './case-loading';

/** Case types whose cases a manager can (re)assign from the queue: those with an AssignCase command. */
const ASSIGN_COMMAND = 'AssignCase';

/** The managers' escalation queue: filters, lateness highlighted, assign or reassign in place. */
@Controller('queue')
@Public()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
export class QueueController {
  constructor(
    private readonly services: ConsoleServices,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  async queue(@Req() req: Request, @Res() res: Response, @Query() raw: Record<string, string>, notice?: { type: string; title: string; text: string }, status = 200) {
    const principal = signedIn(req);
    authorise(principal, 'queue.read');
    // `after` (from a redirect) waits for the queue to hold the change just made.
    const { after, ...given } = Object.fromEntries(Object.entries(raw).filter(([k, v]) => v !== '' && k !== 'assigned'));
    const query = parseQuery(EscalationQueueQuery, { ...given, ...(after ? { consistentWith: after } : {}) });
    const page = await this.services.escalations.list(this.services.readContext(req, principal), query);
    const assignable = new Set(this.services.caseTypes.all().filter((d) => Object.hasOwn(d.commands, ASSIGN_COMMAND)).map((d) => d.caseType));
    const assigned = typeof raw.assigned === 'string' && /^[a-z-]+-[0-9a-f-]{36}$/.test(raw.assigned) ? raw.assigned : undefined;
    this.views.render(req, res, 'queue.njk', {
      title: 'Escalation queue',
      items: page.items.map((item) => ({ ...item, assignable: assignable.has(item.caseType) })),
      filters: query,
      reasons: Object.entries(ESCALATION_REASONS).map(([code, r]) => ({ code, text: r.text })),
      caseTypes: this.services.caseTypes.all().map((d) => d.caseType),
      formKey: randomUUID(),
      notice: notice ?? (assigned ? { type: 'success', title: 'Success', text: `Case ${assigned} assigned.` } : undefined),
    }, status);
  }

  @Post('assign')
  async assign(@Req() req: Request, @Res() res: Response, @Body() body: FormValues) {
    const principal = signedIn(req);
    const caseId = String(body.caseId ?? '');
    const data = { caseworkerId: String(body.caseworkerId ?? '').trim(), agency: String(body.agency ?? principal.agency).trim() };
    const command = { type: ASSIGN_COMMAND, data };
    try {
      // The queue shows who had the case; if that changed meanwhile, say so rather than overwrite it.
      const view: CaseView = await this.services.queryBus.execute(new GetCaseQuery(this.services.readContext(req, principal), caseId, {}));
      if ((view.summary.assignee?.caseworkerId ?? '') !== String(body._assignee ?? '')) throw preconditionFailed('the assignee you saw', view.revision);
      const outcome: { position: number } = await this.services.commandBus.execute(
        new SendCaseCommand(this.services.commandSource(req, principal, body._key, { caseId, ...command }), caseId, command, view.revision),
      );
      return res.redirect(303, `/queue?assigned=${encodeURIComponent(caseId)}&after=${outcome.position}`);
    } catch (error) {
      const problem = toProblem(error);
      if (![400, 422].includes(problem.status) && !isConcurrentChange(error)) throw error;
      const text = isConcurrentChange(error)
        ? 'This case changed since you opened the queue. Check it and assign it again.'
        : problem.body.code === 'COMMAND_INVALID' ? 'Enter the caseworker ID (and agency) to assign the case to.' : ruleText(problem.body as never);
      return this.queue(req, res, {}, { type: 'important', title: 'The case was not assigned', text }, problem.status);
    }
  }
}
