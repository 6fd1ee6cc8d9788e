export { ROLES, ACTIONS, type Role, type Action, type Principal, type CaseAccessFacts } from './principal';
export { AuthenticationError, AuthenticationUnavailableError, ForbiddenActionError, type AuthenticationErrorCode } from './auth.errors';
export { ROLE_ACTIONS, DA_REFERRAL_CASE_TYPE, authorise, isAllowed, isRestrictedCase, canSeeCase, canActOnCase } from './access-policy';
export { JwtVerifier, JWT_VERIFIER_OPTIONS, type JwtVerifierOptions } from './jwt-verifier';
export { AuthGuard, Public, CurrentPrincipal, type AuthenticatedRequest } from './auth.guard';
export { AuthModule } from './auth.module';
export { mintToken, type MintOptions } from './token-minter';
export { embeddedSecretPath, embeddedSigningKey } from './embedded-secret';
