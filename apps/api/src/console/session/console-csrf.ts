import { Injectable } from '@nestjs/common';
import { doubleCsrf, type DoubleCsrfUtilities } from 'csrf-csrf';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { ConsoleSessions, cookieOptions, sessionToken } from './console-sessions';

const CSRF_COOKIE = 'casetrail_csrf';
/** Identifies a browser before it signs in, so the sign-in form has a CSRF token of its own. */
const VISITOR_COOKIE = 'casetrail_visitor';
export const CSRF_FIELD = '_csrf';

type WithCookies = Request & { cookies: Record<string, string | undefined> };

/**
 * Double-submit CSRF protection (csrf-csrf): every form carries a token that must match an
 * HTTP-only cookie and be an HMAC of the session (or, before sign-in, the visitor) with the
 * console's secret, so another site can neither read nor forge one.
 */
@Injectable()
export class ConsoleCsrf {
  private utilities?: Promise<DoubleCsrfUtilities>;

  constructor(private readonly sessions: ConsoleSessions) {}

  /** The token for this page's forms (the cookie is set or kept). */
  async token(req: Request, res: Response): Promise<string> {
    this.ensureVisitor(req, res);
    return (await this.csrf()).generateCsrfToken(req, res, { cookieOptions: cookieOptions(req) });
  }

  /** Whether a form post carries a valid token for this browser and session. */
  async valid(req: Request): Promise<boolean> {
    if (!(req as WithCookies).cookies) return false;
    return (await this.csrf()).validateRequest(req);
  }

  private csrf(): Promise<DoubleCsrfUtilities> {
    this.utilities ??= this.sessions.csrfSecret().then((secret) =>
      doubleCsrf({
        getSecret: () => secret,
        getSessionIdentifier: (req) => sessionToken(req) ?? (req as WithCookies).cookies[VISITOR_COOKIE] ?? '',
        cookieName: CSRF_COOKIE,
        cookieOptions: { httpOnly: true, sameSite: 'lax', path: '/' },
        getCsrfTokenFromRequest: (req) => {
          const value: unknown = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
          return typeof value === 'string' ? value : null;
        },
      }),
    );
    return this.utilities;
  }

  private ensureVisitor(req: Request, res: Response): void {
    const cookies = (req as WithCookies).cookies;
    if (sessionToken(req) || cookies[VISITOR_COOKIE]) return;
    const visitor = randomBytes(16).toString('hex');
    cookies[VISITOR_COOKIE] = visitor;
    res.cookie(VISITOR_COOKIE, visitor, cookieOptions(req));
  }
}
