import { Body, Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Public } from '../../auth/auth.guard';
import { SendCaseCommand } from '../../cases/commands/send-case-command.command';
import { caseNotFound } from '../../problems/http-errors';
import { signedIn } from '../console-request';
import { ConsoleErrorFilter } from '../console-error.filter';
import { ConsoleGuard } from '../console.guard';
import { ConsoleServices } from '../console-services';
import { ConsoleViews } from '../console-views';
import { isConcurrentChange } from '../forms/command-form';
import { ruleText, SummaryError } from '../forms/form-errors';
import type { FormValues } from '../forms/form-model';
import { toProblem } from '../../problems/problem-mapping';
import { CaseView, loadCaseView, loadHistory } from './case-loading';
import { DASH_ANSWERS, dashQuestion } from './dash-questions';

interface RiskTool {
  tool: string;
  version: string;
  questionCount: number;
}

const LEVELS = ['standard', 'medium', 'high'] as const;

/**
 * The DASH risk checklist as a question page: the score (the number of "yes") and the level it
 * gives are shown as the caseworker answers (without JavaScript, with "Work out the score").
 * Sends AssessRisk; the rules (cut-offs, never lowering a score-based level) are the decider's.
 */
@Controller('cases/:caseId/dash')
@Public()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
export class DashController {
  constructor(
    private readonly services: ConsoleServices,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  async page(@Req() req: Request, @Res() res: Response) {
    const view = await this.assessable(req);
    this.show(req, res, view, {}, [], view.revision, randomUUID());
  }

  @Post()
  async send(@Req() req: Request, @Res() res: Response, @Param('caseId') caseId: string, @Body() body: FormValues) {
    const principal = signedIn(req);
    const view = await this.assessable(req);
    const seen = Number(body._revision);
    const key = typeof body._key === 'string' ? body._key : randomUUID();
    if (body.intent !== 'submit') return this.show(req, res, view, body, [], seen, key);
    const tool = this.tool();
    const answers = Array.from({ length: tool.questionCount }, (_, i) => String(body[`q${i + 1}`] ?? ''));
    const errors: SummaryError[] = answers.flatMap((a, i) => (a === '' ? [{ text: `Answer question ${i + 1}: ${dashQuestion(i)}`, href: `#q${i + 1}` }] : []));
    const level = String(body.level ?? '');
    const reasons = String(body.reasons ?? '').trim();
    if (errors.length > 0) return this.show(req, res, view, body, errors, seen, key, 400);
    const data = {
      tool: { name: tool.tool, version: tool.version },
      answers,
      ...((LEVELS as readonly string[]).includes(level) ? { professionalJudgement: { level, ...(reasons ? { reasons } : {}) } } : {}),
    };
    const command = { type: 'AssessRisk', data };
    try {
      await this.services.commandBus.execute(new SendCaseCommand(this.services.commandSource(req, principal, key, command), caseId, command, Number.isInteger(seen) ? seen : -1));
    } catch (error) {
      if (isConcurrentChange(error)) {
        const history = await loadHistory(this.services, req, principal);
        const current = await loadCaseView(this.services, req, principal);
        return this.views.render(req, res, 'case-changed.njk', {
          title: 'This case changed since you opened it', view: current, commandTitle: 'DASH risk assessment', changes: history.events.filter((e) => e.revision > seen), stillAllowed: false,
        }, 409);
      }
      const problem = toProblem(error);
      if (![400, 422].includes(problem.status)) throw error;
      return this.show(req, res, view, body, [{ text: ruleText(problem.body as never), href: '#level' }], seen, key, problem.status);
    }
    res.redirect(303, `/cases/${caseId}?done=AssessRisk`);
  }

  private async assessable(req: Request): Promise<CaseView> {
    const view = await loadCaseView(this.services, req, signedIn(req));
    if (view.type !== 'da-referral') throw caseNotFound(view.caseId);
    return view;
  }

  private tool(): RiskTool {
    const tools = this.services.runtime.policy.get<RiskTool[]>('da-referral', 'riskTools', this.services.now().toISOString()).value;
    return tools[0]!;
  }

  private show(req: Request, res: Response, view: CaseView, values: FormValues, errors: SummaryError[], revision: number, formKey: string, status = errors.length ? 400 : 200) {
    const now = this.services.now().toISOString();
    const tool = this.tool();
    const cutOffs = this.services.runtime.policy.get<{ high: number; medium: number }>('da-referral', 'dashCutOffs', now).value;
    const questions = Array.from({ length: tool.questionCount }, (_, i) => ({ name: `q${i + 1}`, text: dashQuestion(i), value: String(values[`q${i + 1}`] ?? '') }));
    const score = questions.filter((q) => q.value === 'yes').length;
    const scoreLevel = score >= cutOffs.high ? 'high' : score >= cutOffs.medium ? 'medium' : 'standard';
    const allowed = view.allowedCommands.some((c) => c.type === 'AssessRisk');
    this.views.render(req, res, 'dash.njk', {
      title: 'DASH risk checklist', view, questions, answers: DASH_ANSWERS, score, scoreLevel, cutOffs, tool, allowed, errors, revision, formKey,
      answered: questions.filter((q) => q.value !== '').length, level: String(values.level ?? ''), reasons: String(values.reasons ?? ''),
    }, status);
  }
}
