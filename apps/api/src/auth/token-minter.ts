import { SignJWT } from 'jose';
import { claimsFor, PrincipalSchema } from './token-claims';
import type { Principal } from './principal';

/** The one algorithm embedded mode signs and accepts. */
export const EMBEDDED_ALGORITHM = 'HS256';

export interface MintOptions {
  /** CASETRAIL_JWT_SECRET as a string, or the bytes of the embedded secret file. */
  secret: string | Uint8Array;
  issuer: string;
  /** A duration jose understands, e.g. '15m', '8h', '7d'. */
  expiresIn: string;
}

/** Signs an HS256 token the embedded-mode JwtVerifier accepts. For the CLI and tests. */
export async function mintToken(principal: Principal, options: MintOptions): Promise<string> {
  const checked = PrincipalSchema.parse(principal);
  const key = typeof options.secret === 'string' ? new TextEncoder().encode(options.secret) : options.secret;
  return new SignJWT(claimsFor(checked))
    .setProtectedHeader({ alg: EMBEDDED_ALGORITHM, typ: 'JWT' })
    .setSubject(checked.userId)
    .setIssuer(options.issuer)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn)
    .sign(key);
}
