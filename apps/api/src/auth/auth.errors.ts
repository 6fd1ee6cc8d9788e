import type { Action, Role } from './principal';

export type AuthenticationErrorCode = 'TOKEN_MISSING' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_CLAIMS_INVALID';

// Messages go to the caller as they are: they say what to fix, never why a signature failed or
// which key was tried, so a forger learns nothing. The jose error rides along as `cause` for logs.
const MESSAGES: Record<AuthenticationErrorCode, string> = {
  TOKEN_MISSING: 'This request needs an Authorization header of the form "Bearer <token>".',
  TOKEN_INVALID: 'The bearer token could not be verified.',
  TOKEN_EXPIRED: 'The bearer token has expired; obtain a new one.',
  TOKEN_CLAIMS_INVALID: 'The bearer token does not carry valid Casetrail claims (sub, role, agency, da).',
};

/** The caller is not authenticated: answer 401. `code` is stable and safe to show. */
export class AuthenticationError extends Error {
  readonly status = 401;
  /** RFC 6750 section 3: the value for the 401 response's WWW-Authenticate header. */
  readonly wwwAuthenticate: string;

  constructor(
    readonly code: AuthenticationErrorCode,
    options?: { cause?: unknown },
  ) {
    super(MESSAGES[code], options);
    this.name = 'AuthenticationError';
    // A request without credentials gets no error attribute (RFC 6750 section 3.1).
    this.wwwAuthenticate = code === 'TOKEN_MISSING' ? 'Bearer realm="casetrail"' : 'Bearer realm="casetrail", error="invalid_token"';
  }
}

/**
 * The identity provider's key set could not be fetched, so no token can be checked: answer 503,
 * because telling the caller their token is bad would send them after the wrong fault.
 */
export class AuthenticationUnavailableError extends Error {
  readonly status = 503;
  readonly code = 'AUTH_UNAVAILABLE';

  constructor(options?: { cause?: unknown }) {
    super('Tokens cannot be verified right now: the identity provider did not answer. Try again shortly.', options);
    this.name = 'AuthenticationUnavailableError';
  }
}

/** The caller's role does not allow the action: answer 403. */
export class ForbiddenActionError extends Error {
  readonly status = 403;
  readonly code = 'ACTION_FORBIDDEN';

  constructor(
    readonly role: Role,
    readonly action: Action,
  ) {
    super(`The role ${role} may not perform ${action}.`);
    this.name = 'ForbiddenActionError';
  }
}
