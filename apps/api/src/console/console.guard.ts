import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { ConsoleRequest, CsrfRejected, SignInRequired } from './console-request';
import { ConsoleCsrf } from './session/console-csrf';
import { ConsoleSessions } from './session/console-sessions';
import { OidcSignIn } from './auth-oidc/oidc-sign-in';

const OPEN_TO_ALL = 'casetrail:console:open';

/** A console page anyone may load: the sign-in page. */
export const OpenToAll = (): MethodDecorator => SetMetadata(OPEN_TO_ALL, true);

/**
 * The console's own door (its controllers are @Public to the API's bearer-token guard): the session
 * cookie must verify, and every form post must carry a valid CSRF token. Checks run before any
 * handler, so a refused post writes nothing.
 */
@Injectable()
export class ConsoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: ConsoleSessions,
    private readonly csrf: ConsoleCsrf,
    private readonly oidc: OidcSignIn,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<ConsoleRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const principal = await this.sessions.principalOf(req);
    const open = this.reflector.get<boolean | undefined>(OPEN_TO_ALL, context.getHandler()) === true;
    if (!principal && !open) throw new SignInRequired();
    if (!['GET', 'HEAD'].includes(req.method) && !(await this.csrf.valid(req))) throw new CsrfRejected();
    req.console = { ...(principal ? { principal } : {}), csrfToken: await this.csrf.token(req, res), cspNonce: randomBytes(16).toString('base64') };
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(req.console.cspNonce, this.oidc.providerOrigin));
    return true;
  }
}

/**
 * Scripts only from here or with this page's nonce (the GOV.UK template's one inline script has it).
 * Forms post here only; with OIDC sign-in, sign-out's post redirects to the provider's origin.
 */
function contentSecurityPolicy(nonce: string, providerOrigin: string | undefined): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    providerOrigin ? `form-action 'self' ${providerOrigin}` : "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}
