import { Inject, Injectable, Optional } from '@nestjs/common';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { CASETRAIL_CONFIG, type CasetrailConfig } from '@casetrail/shared';
import { AuthenticationError, AuthenticationUnavailableError } from './auth.errors';
import { bearerToken } from './bearer-token';
import { embeddedSigningKey } from './embedded-secret';
import { OIDC_ALGORITHMS, OidcSettings, oidcSettings, remoteKeySet } from './oidc-key-set';
import type { Principal } from './principal';
import { principalFromClaims } from './token-claims';
import { EMBEDDED_ALGORITHM } from './token-minter';
import { VerifiedTokens } from './verified-tokens';

const COMMON_CHECKS = {
  // Clocks on different machines disagree a little; more than this and a token is refused.
  clockTolerance: 30,
  // A token without an expiry would be valid for ever.
  requiredClaims: ['sub', 'exp'],
};

export const JWT_VERIFIER_OPTIONS = Symbol('JWT_VERIFIER_OPTIONS');

export interface JwtVerifierOptions {
  /** Where `data/jwt-secret` is looked for in embedded mode; the process's working directory by default. */
  workingDir?: string;
}

type CheckToken = (token: string) => Promise<JWTPayload>;

/**
 * Turns an Authorization header into a Principal. Embedded mode (no OIDC settings) accepts HS256
 * tokens signed with CASETRAIL_JWT_SECRET or the embedded secret file; OIDC mode accepts only
 * RS256/ES256 tokens from the configured issuer and audience. docs/security.md has the details.
 */
@Injectable()
export class JwtVerifier {
  private readonly checkToken: CheckToken;
  private readonly verified = new VerifiedTokens();

  constructor(
    @Inject(CASETRAIL_CONFIG) config: CasetrailConfig,
    @Optional() @Inject(JWT_VERIFIER_OPTIONS) options: JwtVerifierOptions | null = null,
  ) {
    const oidc = oidcSettings(config);
    this.checkToken = oidc ? checkOidcToken(oidc) : checkEmbeddedToken(config, options?.workingDir);
  }

  /** Throws AuthenticationError (401), or AuthenticationUnavailableError (503) when the provider is down. */
  async verify(authorizationHeader: string | undefined): Promise<Principal> {
    const token = bearerToken(authorizationHeader);
    const known = this.verified.principalOf(token);
    if (known) return { ...known };
    const payload = await this.checkToken(token).catch((error: unknown) => {
      throw asAuthenticationFailure(error);
    });
    const principal = principalFromClaims(payload);
    if (!principal) throw new AuthenticationError('TOKEN_CLAIMS_INVALID');
    // `exp` is a required claim, so every accepted token has one.
    this.verified.remember(token, { ...principal }, payload.exp!);
    return principal;
  }
}

function checkOidcToken(oidc: OidcSettings): CheckToken {
  const keySet = remoteKeySet(oidc.jwksUrl);
  const checks = { ...COMMON_CHECKS, algorithms: OIDC_ALGORITHMS, issuer: oidc.issuer, audience: oidc.audience };
  return async (token) => (await jwtVerify(token, keySet, checks)).payload;
}

function checkEmbeddedToken(config: CasetrailConfig, workingDir: string | undefined): CheckToken {
  // Read on first use, not at start-up (the CLI may create the file first); forgotten on failure
  // so that fixing the file's permissions needs no restart.
  let key: Promise<Uint8Array> | undefined;
  const signingKey = () =>
    (key ??= embeddedSigningKey(config, workingDir).catch((error: unknown) => {
      key = undefined;
      throw error;
    }));
  const checks = { ...COMMON_CHECKS, algorithms: [EMBEDDED_ALGORITHM], issuer: config.CASETRAIL_JWT_ISSUER };
  return async (token) => (await jwtVerify(token, await signingKey(), checks)).payload;
}

/** jose's errors are the token's fault (401); anything else is ours and stays as it is (500). */
function asAuthenticationFailure(error: unknown): unknown {
  if (error instanceof AuthenticationUnavailableError) return error;
  if (error instanceof errors.JWTExpired) return new AuthenticationError('TOKEN_EXPIRED', { cause: error });
  if (error instanceof errors.JOSEError) return new AuthenticationError('TOKEN_INVALID', { cause: error });
  return error;
}
