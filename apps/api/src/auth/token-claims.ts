import { z } from 'zod';
import { Principal, ROLES } from './principal';

/**
 * The claims Casetrail reads from a token (docs/security.md). The role may come as
 * `casetrail_role` (preferred, so it cannot clash with an identity provider's own `role`) or `role`;
 * only the one used is checked.
 */
const TokenClaimsSchema = z.object({
  sub: z.string().min(1),
  casetrail_role: z.unknown().optional(),
  role: z.unknown().optional(),
  agency: z.string().trim().min(1),
  da: z.boolean().optional(),
});

export const PrincipalSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(ROLES),
  agency: z.string().trim().min(1),
  daAccess: z.boolean(),
});

/** The principal a verified token's payload names, or undefined when its claims do not fit. */
export function principalFromClaims(payload: unknown): Principal | undefined {
  const claims = TokenClaimsSchema.safeParse(payload);
  if (!claims.success) return undefined;
  const { sub, casetrail_role, role, agency, da } = claims.data;
  const principal = PrincipalSchema.safeParse({ userId: sub, role: casetrail_role ?? role, agency, daAccess: da ?? false });
  return principal.success ? principal.data : undefined;
}

/** The claims a Casetrail-minted token carries for a principal (the inverse of principalFromClaims). */
export function claimsFor(principal: Principal): { casetrail_role: Principal['role']; agency: string; da: boolean } {
  return { casetrail_role: principal.role, agency: principal.agency, da: principal.daAccess };
}
