import type { CasetrailConfig } from '@casetrail/shared';

/** The console's own registration with the identity provider (authorization code + PKCE). */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  /** Absent for a public client: PKCE alone protects the code then. */
  clientSecret?: string;
  redirectUrl: URL;
}

/**
 * Console sign-in through OIDC, or undefined when it is not configured. The config schema has
 * already refused a partial set (issuer, client id and redirect URL come together).
 */
export function oidcClientSettings(config: CasetrailConfig): OidcClientSettings | undefined {
  const { CASETRAIL_OIDC_ISSUER: issuer, CASETRAIL_OIDC_CLIENT_ID: clientId, CASETRAIL_OIDC_REDIRECT_URL: redirectUrl } = config;
  if (!issuer || !clientId || !redirectUrl) return undefined;
  const secret = config.CASETRAIL_OIDC_CLIENT_SECRET;
  return { issuer, clientId, ...(secret ? { clientSecret: secret } : {}), redirectUrl: new URL(redirectUrl) };
}
