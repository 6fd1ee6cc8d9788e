import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';
import type { OidcTransaction } from './oidc-code-flow';

export const TRANSACTION_COOKIE = 'casetrail_oidc';
/** A sign-in must come back within this long. */
const TRANSACTION_MINUTES = 10;
const TransactionSchema = z.object({ state: z.string().min(1), nonce: z.string().min(1), codeVerifier: z.string().min(43) });

/**
 * The state, nonce and PKCE verifier between /sign-in and /sign-in/callback, in an HTTP-only cookie
 * encrypted (A256GCM) with a key derived from the signing key, so no session store is needed and
 * the browser cannot read or change it. SameSite=Lax: the provider's redirect back is a top-level GET.
 */
export class OidcTransactionCookie {
  constructor(private readonly signingKey: () => Promise<Uint8Array>) {}

  async set(req: Request, res: Response, transaction: OidcTransaction): Promise<void> {
    const value = await new EncryptJWT({ ...transaction })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${TRANSACTION_MINUTES}m`)
      .encrypt(await this.key());
    res.cookie(TRANSACTION_COOKIE, value, { ...options(req), maxAge: TRANSACTION_MINUTES * 60_000 });
  }

  /** The transaction this browser started, or undefined (none, expired, or tampered with). */
  async read(req: Request): Promise<OidcTransaction | undefined> {
    const value = (req as Request & { cookies?: Record<string, unknown> }).cookies?.[TRANSACTION_COOKIE];
    if (typeof value !== 'string' || value === '') return undefined;
    try {
      const { payload } = await jwtDecrypt(value, await this.key(), { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
      const parsed = TransactionSchema.safeParse(payload);
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  clear(req: Request, res: Response): void {
    res.clearCookie(TRANSACTION_COOKIE, options(req));
  }

  private async key(): Promise<Uint8Array> {
    return new Uint8Array(createHash('sha256').update('casetrail-console-oidc\n').update(await this.signingKey()).digest());
  }
}

function options(req: Request) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: '/sign-in' };
}
