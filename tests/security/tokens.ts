import { mintToken } from '../../apps/api/src/auth/token-minter';
import type { Principal } from '../../apps/api/src/auth/principal';

/** The API under test is given this secret and issuer, so the tests can mint and forge its tokens. */
export const SECRET = 'security-tests-secret-long-enough-for-hs256';
export const ISSUER = 'casetrail-security-tests';
export const TOKEN_ENV = { CASETRAIL_JWT_SECRET: SECRET, CASETRAIL_JWT_ISSUER: ISSUER };

export const mint = ({ userId = 'user-1', agency = 'tmbc', daAccess = false, role }: Partial<Principal> & Pick<Principal, 'role'>) =>
  mintToken({ userId, role, agency, daAccess }, { secret: SECRET, issuer: ISSUER, expiresIn: '1h' });
