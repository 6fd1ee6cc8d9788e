/** Why a sign-in through the identity provider was refused; each code has its own message. */
export type OidcSignInFailure =
  | 'NO_SIGN_IN_IN_PROGRESS'
  | 'PROVIDER_REFUSED'
  | 'STATE_MISMATCH'
  | 'ISSUER_MISMATCH'
  | 'CODE_MISSING'
  | 'CODE_REFUSED'
  | 'ID_TOKEN_INVALID'
  | 'NONCE_MISMATCH'
  | 'CLAIMS_INVALID';

export const OIDC_FAILURE_MESSAGES: Record<OidcSignInFailure, string> = {
  NO_SIGN_IN_IN_PROGRESS: 'This sign-in was not started here, or took longer than 10 minutes.',
  PROVIDER_REFUSED: 'Your organisation’s sign-in service did not sign you in.',
  STATE_MISMATCH: 'The answer from the sign-in service does not belong to the sign-in started in this browser.',
  ISSUER_MISMATCH: 'The answer came from a different sign-in service than the one Casetrail trusts.',
  CODE_MISSING: 'The answer from the sign-in service had no authorisation code.',
  CODE_REFUSED: 'The sign-in service refused the authorisation code: it may have been used already or have expired.',
  ID_TOKEN_INVALID: 'The sign-in service’s identity token could not be verified.',
  NONCE_MISMATCH: 'The identity token was issued for a different sign-in.',
  CLAIMS_INVALID: 'Your account has no Casetrail role and agency. Ask your administrator to set them.',
};

/** A refused sign-in (the browser's or the answer's fault): shown as a 400 page, never a 5xx. */
export class OidcSignInError extends Error {
  constructor(
    readonly failure: OidcSignInFailure,
    options?: ErrorOptions,
  ) {
    super(OIDC_FAILURE_MESSAGES[failure], options);
    this.name = 'OidcSignInError';
  }
}

/** The provider could not be reached or answered nonsense: a 503 page. */
export class OidcProviderUnavailable extends Error {
  constructor(what: string, options?: ErrorOptions) {
    super(`the identity provider's ${what} could not be used`, options);
    this.name = 'OidcProviderUnavailable';
  }
}
