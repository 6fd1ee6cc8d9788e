import type { Principal } from './principal';

export interface VerifiedTokensOptions {
  /** Tokens remembered; the oldest are forgotten past it. Default 10,000. */
  capacity?: number;
  /**
   * How long a verification is trusted before the token is checked again, at most. It bounds how
   * long a key the issuer withdrew (or a changed embedded secret) still counts for a token it
   * signed. Default 60 s.
   */
  lifetimeMs?: number;
  now?: () => number;
}

/**
 * Tokens this process verified recently, with their principal: a client sends the same bearer
 * token on every request, and checking its signature and claims again cost more CPU than the rest
 * of the guard. An entry never outlives the token's own `exp` (no clock tolerance is granted on
 * the way out) nor `lifetimeMs`; a refused token is never remembered.
 */
export class VerifiedTokens {
  private readonly kept = new Map<string, { principal: Principal; until: number }>();
  private readonly capacity: number;
  private readonly lifetimeMs: number;
  private readonly now: () => number;

  constructor(options: VerifiedTokensOptions = {}) {
    this.capacity = options.capacity ?? 10_000;
    this.lifetimeMs = options.lifetimeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  principalOf(token: string): Principal | undefined {
    const entry = this.kept.get(token);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.principal;
    this.kept.delete(token);
    return undefined;
  }

  /** `expiresAt`: the token's `exp`, in seconds since the epoch. */
  remember(token: string, principal: Principal, expiresAt: number): void {
    const until = Math.min(expiresAt * 1000, this.now() + this.lifetimeMs);
    if (!(until > this.now())) return;
    this.kept.delete(token);
    this.kept.set(token, { principal, until });
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
  }
}
