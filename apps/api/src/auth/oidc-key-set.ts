import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { type CasetrailConfig, ConfigError } from '@casetrail/shared';
import { AuthenticationUnavailableError } from './auth.errors';

/** Asymmetric only: an HMAC token could be signed with the published key (algorithm confusion). */
export const OIDC_ALGORITHMS = ['RS256', 'ES256'];

export interface OidcSettings {
  issuer: string;
  jwksUrl: URL;
  audience: string;
}

/**
 * The identity provider to trust, or undefined for embedded mode. Half a configuration stops
 * start-up rather than falling back to embedded tokens, and so does a missing audience: without
 * it any token the provider issues for another application would be accepted here.
 */
export function oidcSettings(config: CasetrailConfig): OidcSettings | undefined {
  const { CASETRAIL_OIDC_ISSUER: issuer, CASETRAIL_OIDC_JWKS_URL: jwksUrl, CASETRAIL_OIDC_AUDIENCE: audience } = config;
  if (!issuer && !jwksUrl) return undefined;
  if (!issuer) throw new ConfigError('CASETRAIL_OIDC_ISSUER', 'is required when CASETRAIL_OIDC_JWKS_URL is set');
  if (!jwksUrl) throw new ConfigError('CASETRAIL_OIDC_JWKS_URL', 'is required when CASETRAIL_OIDC_ISSUER is set');
  if (!audience) throw new ConfigError('CASETRAIL_OIDC_AUDIENCE', 'is required when CASETRAIL_OIDC_ISSUER is set');
  return { issuer, jwksUrl: new URL(jwksUrl), audience };
}

// Failures that are the token's fault (it names a key the provider does not publish); any other
// failure to get the key set is the provider's, and must not be reported as a bad token.
const TOKEN_FAULTS = new Set([errors.JWKSNoMatchingKey.code, errors.JWKSMultipleMatchingKeys.code]);

/** The provider's published keys, fetched and cached by jose; an unreachable provider gives a 503. */
export function remoteKeySet(jwksUrl: URL): JWTVerifyGetKey {
  const keySet = createRemoteJWKSet(jwksUrl);
  return async (header, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      if (error instanceof errors.JOSEError && TOKEN_FAULTS.has(error.code)) throw error;
      throw new AuthenticationUnavailableError({ cause: error });
    }
  };
}
