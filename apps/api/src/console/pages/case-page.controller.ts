import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Public } from '../../auth/auth.guard';
import type { Principal } from '../../auth/principal';
import { SendCaseCommand } from '../../cases/commands/send-case-command.command';
import { caseNotFound } from '../../problems/http-errors';
import { signedIn } from '../console-request';
import { ConsoleErrorFilter } from '../console-error.filter';
import { ConsoleGuard } from '../console.guard';
import { ConsoleServices } from '../console-services';
import { ConsoleViews } from '../console-views';
import { commandForm, commandSchema, isConcurrentChange, readCommandForm, refusalErrors } from '../forms/command-form';
import type { SummaryError } from '../forms/form-errors';
import type { FieldNode, FormValues } from '../forms/form-model';
import { humanise } from '../forms/json-schema';
import { casePageModel, CaseView, loadCaseView, loadHistory } from './case-loading';

/** The case page, and each action allowed now as a form of its own (POST-redirect-GET). */
@Controller('cases/:caseId')
@Public()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
export class CasePageController {
  constructor(
    private readonly services: ConsoleServices,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response, @Query('done') done?: string) {
    const principal = signedIn(req);
    const [view, history] = [await loadCaseView(this.services, req, principal), await loadHistory(this.services, req, principal)];
    const notice = typeof done === 'string' && /^[A-Za-z]{1,60}$/.test(done) ? { type: 'success', title: 'Success', text: done === 'Opened' ? 'Case opened.' : `${humanise(done)}: recorded.` } : undefined;
    this.views.render(req, res, 'case.njk', { title: `${humanise(view.type)} case`, ...casePageModel(view, history, this.services.now()), notice, mayAudit: principal.role === 'auditor' || principal.role === 'admin' });
  }

  @Get('actions/:command')
  async action(@Req() req: Request, @Res() res: Response, @Param('command') command: string) {
    const principal = signedIn(req);
    const view = await loadCaseView(this.services, req, principal);
    const schema = this.schemaOf(view.caseId, command);
    if (!view.allowedCommands.some((c) => c.type === command)) return this.notNow(req, res, view, command);
    this.showAction(req, res, { view, command, form: commandForm(schema, principal), errors: [], revision: view.revision });
  }

  @Post('actions/:command')
  async send(@Req() req: Request, @Res() res: Response, @Param('caseId') caseId: string, @Param('command') command: string, @Body() body: FormValues) {
    const principal = signedIn(req);
    const schema = this.schemaOf(caseId, command);
    const form = commandForm(schema, principal, body);
    const seen = Number(body._revision);
    const { data, errors } = readCommandForm(form)(body);
    if (errors.length > 0) return this.showAction(req, res, { view: await loadCaseView(this.services, req, principal), command, form, errors, revision: seen }, 400);
    const raw = { type: command, data };
    try {
      const source = this.services.commandSource(req, principal, body._key, raw);
      // The revision the person saw is always sent: a change by someone else since is never overwritten.
      await this.services.commandBus.execute(new SendCaseCommand(source, caseId, raw, Number.isInteger(seen) ? seen : -1));
    } catch (error) {
      if (isConcurrentChange(error)) return this.changedMeanwhile(req, res, principal, command, form, seen);
      const refused = refusalErrors(form, error);
      if (!refused) throw error;
      return this.showAction(req, res, { view: await loadCaseView(this.services, req, principal), command, form, errors: refused.errors, revision: seen }, refused.status);
    }
    res.redirect(303, `/cases/${caseId}?done=${encodeURIComponent(command)}`);
  }

  /** 412: someone changed the case after this page was drawn. Show what changed and the case now; keep what was typed. */
  private async changedMeanwhile(req: Request, res: Response, principal: Principal, command: string, form: FieldNode, seen: number) {
    const view = await loadCaseView(this.services, req, principal);
    const history = await loadHistory(this.services, req, principal);
    const changes = history.events.filter((e) => e.revision > seen);
    const stillAllowed = view.allowedCommands.some((c) => c.type === command);
    this.views.render(
      req,
      res,
      'case-changed.njk',
      { title: 'This case changed since you opened it', view, command, commandTitle: humanise(command), form, changes, stillAllowed, revision: view.revision, formKey: randomUUID() },
      409,
    );
  }

  private showAction(req: Request, res: Response, model: { view: CaseView; command: string; form: FieldNode; errors: SummaryError[]; revision: number }, status = 200) {
    const key = typeof req.body?._key === 'string' ? req.body._key : randomUUID();
    this.views.render(req, res, 'action.njk', { title: humanise(model.command), ...model, commandTitle: humanise(model.command), formKey: key }, status);
  }

  private notNow(req: Request, res: Response, view: CaseView, command: string) {
    this.views.render(req, res, 'error.njk', {
      title: 'You cannot do that now',
      body: `${humanise(command)} is not one of the actions open to you on this case at its current stage (${humanise(view.stage)}).`,
    }, 409);
  }

  private schemaOf(caseId: string, command: string) {
    const definition = this.services.caseTypes.forCase(caseId);
    const schema = definition ? commandSchema(definition, command) : undefined;
    if (!schema || command === definition?.openCommand) throw caseNotFound(caseId);
    return schema;
  }
}
