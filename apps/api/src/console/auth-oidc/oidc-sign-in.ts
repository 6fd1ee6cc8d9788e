import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CASETRAIL_CONFIG, type CasetrailConfig } from '@casetrail/shared';
import { embeddedSigningKey } from '../../auth/embedded-secret';
import type { Principal } from '../../auth/principal';
import { principalFromClaims } from '../../auth/token-claims';
import { oidcClientSettings, type OidcClientSettings } from './oidc-client-settings';
import { OidcCodeFlow } from './oidc-code-flow';
import { OidcSignInError } from './oidc-sign-in-error';
import { OidcTransactionCookie } from './oidc-transaction-cookie';

/** Where the provider sends the browser after signing out of it (registered with the provider): GET shows "you have signed out", POST signs out. */
export const SIGNED_OUT_PATH = '/sign-out';

/** The console's OIDC sign-in: the flow (OidcCodeFlow) plus the browser's cookie in between. */
@Injectable()
export class OidcSignIn {
  private readonly settings: OidcClientSettings | undefined;
  private readonly flow: OidcCodeFlow | undefined;
  private readonly cookie: OidcTransactionCookie;

  constructor(@Inject(CASETRAIL_CONFIG) config: CasetrailConfig) {
    this.settings = oidcClientSettings(config);
    this.flow = this.settings ? new OidcCodeFlow(this.settings) : undefined;
    this.cookie = new OidcTransactionCookie(() => embeddedSigningKey(config));
  }

  get enabled(): boolean {
    return this.flow !== undefined;
  }

  /** The issuer's origin, which the console's forms may redirect to (sign-out). */
  get providerOrigin(): string | undefined {
    return this.settings ? new URL(this.settings.issuer).origin : undefined;
  }

  /** Starts a sign-in: remembers state, nonce and verifier in the browser, returns the provider's address. */
  async begin(req: Request, res: Response): Promise<URL> {
    const { url, transaction } = await this.requireFlow().begin();
    await this.cookie.set(req, res, transaction);
    return url;
  }

  /** Finishes a sign-in from the callback's query; the transaction is used once, whatever the outcome. */
  async complete(req: Request, res: Response): Promise<Principal> {
    const transaction = await this.cookie.read(req);
    this.cookie.clear(req, res);
    const claims = await this.requireFlow().complete(req.query, transaction);
    const principal = principalFromClaims(claims);
    if (!principal) throw new OidcSignInError('CLAIMS_INVALID');
    return principal;
  }

  /** The provider's end-session address (back to GET /sign-out), or undefined when it has none. */
  async endSessionUrl(): Promise<URL | undefined> {
    if (!this.flow || !this.settings) return undefined;
    return this.flow.endSessionUrl(new URL(SIGNED_OUT_PATH, this.settings.redirectUrl));
  }

  private requireFlow(): OidcCodeFlow {
    if (!this.flow) throw new Error('OIDC sign-in is not configured');
    return this.flow;
  }
}
