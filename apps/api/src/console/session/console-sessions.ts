import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { jwtVerify } from 'jose';
import { CASETRAIL_CONFIG, type CasetrailConfig } from '@casetrail/shared';
import { embeddedSigningKey } from '../../auth/embedded-secret';
import { JwtVerifier } from '../../auth/jwt-verifier';
import { oidcSettings } from '../../auth/oidc-key-set';
import type { Principal } from '../../auth/principal';
import { principalFromClaims } from '../../auth/token-claims';
import { EMBEDDED_ALGORITHM, mintToken } from '../../auth/token-minter';

export const SESSION_COOKIE = 'casetrail_session';
/** As long as a working day: a console session then asks for a fresh sign-in. */
const SESSION_HOURS = 8;

/**
 * Console sessions are the API's own bearer tokens, kept in an HTTP-only cookie: the same
 * JwtVerifier checks them, so a page can do no more than the same user could through the API.
 */
@Injectable()
export class ConsoleSessions {
  private readonly oidc: boolean;

  constructor(
    @Inject(CASETRAIL_CONFIG) private readonly config: CasetrailConfig,
    private readonly verifier: JwtVerifier,
  ) {
    this.oidc = oidcSettings(config) !== undefined;
  }

  /**
   * Demo users may sign in without a password only on the embedded default (no OIDC), and then
   * only with CASETRAIL_DEMO=true or from this machine: `npm start` listens on every interface,
   * and a neighbour on the network must not be able to sign in as a manager.
   */
  demoSignInAllowed(req: Request): boolean {
    if (this.oidc) return false;
    return this.config.CASETRAIL_DEMO || isLoopback(req.socket.remoteAddress);
  }

  /** The signed-in user, or undefined when there is no session or it no longer verifies. */
  async principalOf(req: Request): Promise<Principal | undefined> {
    const token = sessionToken(req);
    if (!token) return undefined;
    if (this.oidc) return this.verifyOwnSession(token);
    return this.verifier.verify(`Bearer ${token}`).catch(() => undefined);
  }

  /**
   * With OIDC the API accepts only the provider's tokens, but the console still mints its own
   * session after an OIDC sign-in (docs/adr: web console), so it checks that token itself.
   */
  private async verifyOwnSession(token: string): Promise<Principal | undefined> {
    try {
      const key = await embeddedSigningKey(this.config);
      const { payload } = await jwtVerify(token, key, { algorithms: [EMBEDDED_ALGORITHM], issuer: this.config.CASETRAIL_JWT_ISSUER, requiredClaims: ['sub', 'exp'] });
      return principalFromClaims(payload);
    } catch {
      return undefined;
    }
  }

  async start(res: Response, req: Request, principal: Principal): Promise<void> {
    const token = await mintToken(principal, {
      secret: await embeddedSigningKey(this.config),
      issuer: this.config.CASETRAIL_JWT_ISSUER,
      expiresIn: `${SESSION_HOURS}h`,
    });
    res.cookie(SESSION_COOKIE, token, { ...cookieOptions(req), maxAge: SESSION_HOURS * 3_600_000 });
  }

  end(res: Response, req: Request): void {
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
  }

  /** The CSRF tokens' HMAC secret, derived from the signing key so that every API instance agrees. */
  async csrfSecret(): Promise<string> {
    const key = await embeddedSigningKey(this.config);
    return createHash('sha256').update('casetrail-console-csrf\n').update(key).digest('hex');
  }
}

export function sessionToken(req: Request): string | undefined {
  const cookies = (req as Request & { cookies?: Record<string, string> }).cookies;
  const token = cookies?.[SESSION_COOKIE];
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** HTTP-only, SameSite=Lax, and Secure whenever the request came over HTTPS. */
export function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: '/' };
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
