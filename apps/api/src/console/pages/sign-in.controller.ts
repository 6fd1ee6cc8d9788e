import { Body, Controller, Get, HttpCode, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../../auth/auth.guard';
import { consoleState } from '../console-request';
import { ConsoleErrorFilter } from '../console-error.filter';
import { ConsoleGuard, OpenToAll } from '../console.guard';
import { ConsoleViews } from '../console-views';
import { DEMO_USER_DESCRIPTIONS, DEMO_USERS, isDemoUserKey } from '../session/demo-users';
import { ConsoleSessions } from '../session/console-sessions';

/** The start page, sign-in (demo users on the embedded default) and sign-out. */
@Controller()
@Public()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
export class SignInController {
  constructor(
    private readonly sessions: ConsoleSessions,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  @OpenToAll()
  start(@Req() req: Request, @Res() res: Response) {
    const principal = consoleState(req).principal;
    if (!principal) return res.redirect(303, '/sign-in');
    return res.redirect(303, principal.role === 'manager' ? '/queue' : '/cases');
  }

  @Get('sign-in')
  @OpenToAll()
  page(@Req() req: Request, @Res() res: Response) {
    this.show(req, res, []);
  }

  @Post('sign-in')
  @OpenToAll()
  @HttpCode(303)
  async signIn(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>) {
    if (!this.sessions.demoSignInAllowed(req)) return this.show(req, res, [], 403);
    if (!isDemoUserKey(body.user)) return this.show(req, res, [{ text: 'Select who you want to sign in as', href: '#user' }], 400);
    await this.sessions.start(res, req, DEMO_USERS[body.user]);
    return res.redirect(303, '/');
  }

  @Post('sign-out')
  @HttpCode(303)
  signOut(@Req() req: Request, @Res() res: Response) {
    this.sessions.end(res, req);
    res.redirect(303, '/sign-in');
  }

  private show(req: Request, res: Response, errors: { text: string; href?: string }[], status = errors.length ? 400 : 200) {
    const demo = this.sessions.demoSignInAllowed(req);
    const users = Object.entries(DEMO_USERS).map(([key, user]) => ({ key, user, description: DEMO_USER_DESCRIPTIONS[key as keyof typeof DEMO_USERS] }));
    this.views.render(req, res, 'sign-in.njk', { title: 'Sign in', demo, users, errors }, status);
  }
}
