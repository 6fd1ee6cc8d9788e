import { Body, Controller, Get, HttpCode, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { OidcSignIn, SIGNED_OUT_PATH } from '../auth-oidc/oidc-sign-in';
import { OidcProviderUnavailable, OidcSignInError } from '../auth-oidc/oidc-sign-in-error';
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
    private readonly oidc: OidcSignIn,
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
  async page(@Req() req: Request, @Res() res: Response) {
    if (!this.oidc.enabled) return this.show(req, res, []);
    if (consoleState(req).principal) return res.redirect(303, '/');
    return this.viaProvider(req, res, async () => res.redirect(303, (await this.oidc.begin(req, res)).href));
  }

  /** The identity provider sends the browser back here with a code (authorization code + PKCE). */
  @Get('sign-in/callback')
  @OpenToAll()
  async callback(@Req() req: Request, @Res() res: Response) {
    if (!this.oidc.enabled) return this.views.render(req, res, 'error.njk', { title: 'Page not found', body: 'Sign-in through an identity provider is not set up here.' }, 404);
    return this.viaProvider(req, res, async () => {
      await this.sessions.start(res, req, await this.oidc.complete(req, res));
      res.redirect(303, '/');
    });
  }

  @Get(SIGNED_OUT_PATH.slice(1))
  @OpenToAll()
  signedOut(@Req() req: Request, @Res() res: Response) {
    if (consoleState(req).principal) return res.redirect(303, '/');
    const body = this.oidc.enabled ? 'You have signed out of Casetrail and, if it allows it, of your organisation’s account.' : 'You have signed out of Casetrail.';
    return this.views.render(req, res, 'error.njk', { title: 'You have signed out', body });
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
  async signOut(@Req() req: Request, @Res() res: Response) {
    this.sessions.end(res, req);
    const provider = await this.oidc.endSessionUrl();
    res.redirect(303, provider ? provider.href : this.oidc.enabled ? SIGNED_OUT_PATH : '/sign-in');
  }

  /** A refused sign-in is a 400 page naming why; an unreachable provider a 503; neither a 500. */
  private async viaProvider(req: Request, res: Response, step: () => Promise<void>) {
    try {
      await step();
    } catch (error) {
      if (error instanceof OidcSignInError) {
        return this.views.render(req, res, 'error.njk', { title: 'Sign-in did not work', body: error.message, detail: `Reason: ${error.failure}. Start again from the sign-in page.` }, 400);
      }
      if (error instanceof OidcProviderUnavailable) {
        return this.views.render(req, res, 'error.njk', { title: 'Sorry, sign-in is unavailable', body: 'Your organisation’s sign-in service could not be reached. Try again in a few minutes.' }, 503);
      }
      throw error;
    }
  }

  private show(req: Request, res: Response, errors: { text: string; href?: string }[], status = errors.length ? 400 : 200) {
    const demo = this.sessions.demoSignInAllowed(req);
    const users = Object.entries(DEMO_USERS).map(([key, user]) => ({ key, user, description: DEMO_USER_DESCRIPTIONS[key as keyof typeof DEMO_USERS] }));
    this.views.render(req, res, 'sign-in.njk', { title: 'Sign in', demo, users, errors }, status);
  }
}
