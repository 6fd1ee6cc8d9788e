import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { OIDC_ALGORITHMS } from '../../auth/oidc-key-set';
import type { OidcClientSettings } from './oidc-client-settings';
import { OidcProviderUnavailable, OidcSignInError } from './oidc-sign-in-error';

/** What the browser must bring back to the callback: kept in an encrypted cookie meanwhile. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface CallbackParameters {
  code?: unknown;
  state?: unknown;
  error?: unknown;
  iss?: unknown;
}

const DiscoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  end_session_endpoint: z.url().optional(),
});
type Discovery = z.infer<typeof DiscoverySchema>;

const TokenResponseSchema = z.object({ id_token: z.string().min(1) });

const random = () => randomBytes(32).toString('base64url');
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * The authorization code flow with PKCE (S256), state and nonce (OpenID Connect Core 3.1, RFC 7636,
 * RFC 9207), on jose and fetch. The provider's metadata and keys are fetched on first use and
 * kept; a failed fetch is forgotten so the next sign-in tries again.
 */
export class OidcCodeFlow {
  private discovery: Promise<Discovery> | undefined;
  private keySet: JWTVerifyGetKey | undefined;

  constructor(
    private readonly settings: OidcClientSettings,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  /** Where to send the browser, and what it must bring back. */
  async begin(): Promise<{ url: URL; transaction: OidcTransaction }> {
    const { authorization_endpoint } = await this.metadata();
    const transaction = { state: random(), nonce: random(), codeVerifier: random() };
    const url = new URL(authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.settings.clientId,
      redirect_uri: this.settings.redirectUrl.href,
      scope: 'openid',
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: s256(transaction.codeVerifier),
      code_challenge_method: 'S256',
    }).toString();
    return { url, transaction };
  }

  /** Checks the callback, exchanges the code and verifies the ID token; returns its claims. */
  async complete(params: CallbackParameters, transaction: OidcTransaction | undefined): Promise<JWTPayload> {
    if (!transaction) throw new OidcSignInError('NO_SIGN_IN_IN_PROGRESS');
    if (typeof params.state !== 'string' || !sameText(params.state, transaction.state)) throw new OidcSignInError('STATE_MISMATCH');
    if (params.error !== undefined) throw new OidcSignInError('PROVIDER_REFUSED');
    const metadata = await this.metadata();
    if (params.iss !== undefined && params.iss !== metadata.issuer) throw new OidcSignInError('ISSUER_MISMATCH');
    if (typeof params.code !== 'string' || params.code === '') throw new OidcSignInError('CODE_MISSING');
    const idToken = await this.exchange(metadata, params.code, transaction.codeVerifier);
    const claims = await this.verifyIdToken(metadata, idToken);
    if (typeof claims.nonce !== 'string' || !sameText(claims.nonce, transaction.nonce)) throw new OidcSignInError('NONCE_MISMATCH');
    return claims;
  }

  /** The provider's end-session address, when it publishes one (OpenID Connect RP-Initiated Logout). */
  async endSessionUrl(postLogoutRedirect: URL): Promise<URL | undefined> {
    const { end_session_endpoint } = await this.metadata().catch(() => ({ end_session_endpoint: undefined }));
    if (!end_session_endpoint) return undefined;
    const url = new URL(end_session_endpoint);
    url.searchParams.set('client_id', this.settings.clientId);
    url.searchParams.set('post_logout_redirect_uri', postLogoutRedirect.href);
    return url;
  }

  private async exchange(metadata: Discovery, code: string, codeVerifier: string): Promise<string> {
    const { clientId, clientSecret, redirectUrl } = this.settings;
    const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUrl.href, code_verifier: codeVerifier });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    // client_secret_basic (RFC 6749 2.3.1: both parts form-encoded); a public client names itself.
    if (clientSecret) headers.authorization = `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`;
    else body.set('client_id', clientId);
    const response = await this.fetchFn(metadata.token_endpoint, { method: 'POST', headers, body, redirect: 'error' }).catch((error: unknown) => {
      throw new OidcProviderUnavailable('token endpoint', { cause: error });
    });
    if (response.status === 400 || response.status === 401) throw new OidcSignInError('CODE_REFUSED');
    if (!response.ok) throw new OidcProviderUnavailable(`token endpoint (HTTP ${response.status})`);
    const parsed = TokenResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new OidcProviderUnavailable('token response (no id_token)');
    return parsed.data.id_token;
  }

  private async verifyIdToken(metadata: Discovery, idToken: string): Promise<JWTPayload> {
    this.keySet ??= createRemoteJWKSet(new URL(metadata.jwks_uri));
    const { clientId } = this.settings;
    try {
      const { payload } = await jwtVerify(idToken, this.keySet, {
        algorithms: OIDC_ALGORITHMS,
        issuer: metadata.issuer,
        audience: clientId,
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: 30,
      });
      // Core 3.1.3.7: with several audiences the token must have been issued to us (azp).
      if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== clientId) throw new OidcSignInError('ID_TOKEN_INVALID');
      return payload;
    } catch (error) {
      if (error instanceof OidcSignInError) throw error;
      if (error instanceof errors.JOSEError && !isKeySetUnavailable(error)) throw new OidcSignInError('ID_TOKEN_INVALID', { cause: error });
      throw new OidcProviderUnavailable('key set', { cause: error });
    }
  }

  private metadata(): Promise<Discovery> {
    this.discovery ??= this.discover().catch((error: unknown) => {
      this.discovery = undefined;
      throw error;
    });
    return this.discovery;
  }

  private async discover(): Promise<Discovery> {
    const address = `${this.settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await this.fetchFn(address, { headers: { accept: 'application/json' }, redirect: 'error' }).catch((error: unknown) => {
      throw new OidcProviderUnavailable('discovery document', { cause: error });
    });
    const parsed = DiscoverySchema.safeParse(response.ok ? await response.json().catch(() => undefined) : undefined);
    if (!parsed.success) throw new OidcProviderUnavailable(`discovery document (HTTP ${response.status})`);
    // OpenID Connect Discovery 4.3: the metadata must name exactly the issuer we were given.
    if (parsed.data.issuer !== this.settings.issuer) throw new OidcProviderUnavailable('discovery document (issuer differs from CASETRAIL_OIDC_ISSUER)');
    return parsed.data;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/** jose's own failures to fetch the key set are the provider's fault, not the token's. */
function isKeySetUnavailable(error: errors.JOSEError): boolean {
  return error instanceof errors.JWKSTimeout || error.code === 'ERR_JOSE_GENERIC';
}
