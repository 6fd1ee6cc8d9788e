import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { rateLimited } from './rate-limited.problem';

/**
 * @nestjs/throttler's guard, counting per caller rather than per address: the authenticated
 * user's id (the AuthGuard runs first and sets the principal), or the client address on public
 * routes. One budget covers every route, so spreading requests over routes does not multiply it.
 */
@Injectable()
export class PerUserThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const principal = (req as unknown as AuthenticatedRequest).principal;
    if (principal) return `user:${principal.userId}`;
    return `ip:${await super.getTracker(req)}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    // Hashed: the key never holds a user id or an address in clear.
    return createHash('sha256').update(`${throttlerName}\n${tracker}`).digest('hex');
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw rateLimited(Math.max(1, detail.timeToBlockExpire), detail.limit, Math.round(detail.ttl / 1000));
  }
}
