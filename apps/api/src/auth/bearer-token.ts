import { AuthenticationError } from './auth.errors';

// RFC 6750 section 2.1: the scheme is case-insensitive; the token is a b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The token from an Authorization header, or AuthenticationError: TOKEN_MISSING or TOKEN_INVALID. */
export function bearerToken(authorizationHeader: string | undefined): string {
  const header = authorizationHeader?.trim();
  if (!header) throw new AuthenticationError('TOKEN_MISSING');
  const match = BEARER.exec(header);
  if (!match?.[1]) throw new AuthenticationError('TOKEN_INVALID');
  return match[1];
}
