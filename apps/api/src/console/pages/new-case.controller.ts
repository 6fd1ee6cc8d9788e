import { Body, Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { authorise, isRestrictedCase } from '../../auth/access-policy';
import { Public } from '../../auth/auth.guard';
import type { Principal } from '../../auth/principal';
import { OpenCaseOutcome } from '../../cases/case-commands.service';
import { OpenCaseCommand } from '../../cases/commands/open-case.command';
import { HttpProblem } from '../../problems/http-errors';
import { signedIn } from '../console-request';
import { ConsoleErrorFilter } from '../console-error.filter';
import { ConsoleGuard } from '../console.guard';
import { ConsoleServices } from '../console-services';
import { ConsoleViews } from '../console-views';
import { commandForm, commandSchema, readCommandForm, refusalErrors } from '../forms/command-form';
import type { SummaryError } from '../forms/form-errors';
import type { FieldNode, FormValues } from '../forms/form-model';
import { humanise } from '../forms/json-schema';

const TYPE_TITLES: Record<string, string> = {
  asb: 'Report anti-social behaviour',
  'cpw-cpn': 'Open a CPW to CPN escalation',
  'community-trigger': 'Receive a Community Trigger application',
  'da-referral': 'Receive a domestic-abuse referral',
};

/** New case: choose the type, then its opening form, drawn from the open command's JSON Schema. */
@Controller('cases/new')
@Public()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
export class NewCaseController {
  constructor(
    private readonly services: ConsoleServices,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  choose(@Req() req: Request, @Res() res: Response) {
    const principal = signedIn(req);
    authorise(principal, 'case.open');
    const types = this.openable(principal).map((d) => ({ type: d.caseType, title: TYPE_TITLES[d.caseType] ?? humanise(d.caseType) }));
    this.views.render(req, res, 'new-case-type.njk', { title: 'Open a new case', types });
  }

  @Get(':type')
  form(@Req() req: Request, @Res() res: Response, @Param('type') type: string) {
    const principal = signedIn(req);
    const { schema } = this.openCommandOf(principal, type);
    this.show(req, res, type, commandForm(schema, principal), [], randomUUID());
  }

  @Post(':type')
  async open(@Req() req: Request, @Res() res: Response, @Param('type') type: string, @Body() body: FormValues) {
    const principal = signedIn(req);
    const { schema } = this.openCommandOf(principal, type);
    const form = commandForm(schema, principal, body);
    const key = typeof body._key === 'string' ? body._key : randomUUID();
    const { data, errors } = readCommandForm(form)(body);
    if (errors.length > 0) return this.show(req, res, type, form, errors, key, 400);
    let outcome: OpenCaseOutcome;
    try {
      outcome = await this.services.commandBus.execute(new OpenCaseCommand(this.services.commandSource(req, principal, key, { type, data }), type, data));
    } catch (error) {
      const refused = refusalErrors(form, error);
      if (!refused) throw error;
      return this.show(req, res, type, form, refused.errors, key, refused.status);
    }
    // A domestic-abuse referral goes straight on to its DASH risk checklist.
    res.redirect(303, type === 'da-referral' ? `/cases/${outcome.caseId}/dash` : `/cases/${outcome.caseId}?done=${encodeURIComponent('Opened')}`);
  }

  /** Types the user may open; restricted types (domestic abuse) only with the DA permission. */
  private openable(principal: Principal) {
    return this.services.caseTypes.all().filter((d) => principal.daAccess || !isRestrictedCase({ caseType: d.caseType, restricted: d.restrictedByDefault, agencies: [] }));
  }

  private openCommandOf(principal: Principal, type: string) {
    authorise(principal, 'case.open');
    const definition = this.openable(principal).find((d) => d.caseType === type);
    const schema = definition ? commandSchema(definition, definition.openCommand) : undefined;
    if (!definition || !schema) throw new HttpProblem(404, 'CASE_TYPE_NOT_FOUND', 'Not found', `No case type ${type.slice(0, 40)} you can open`);
    return { definition, schema };
  }

  private show(req: Request, res: Response, type: string, form: FieldNode, errors: SummaryError[], formKey: string, status = 200) {
    this.views.render(req, res, 'new-case.njk', { title: TYPE_TITLES[type] ?? humanise(type), type, form, errors, formKey }, status);
  }
}
