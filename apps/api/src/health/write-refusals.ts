import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { sqliteStorageRefusal } from '@casetrail/persistence';

/** How long one refused write keeps the API reported as unable to write. */
export const WRITE_REFUSAL_REMEMBERED_MS = 10_000;

/**
 * Writes this API had refused by SQLite for want of storage, on any of its connections (the
 * events, the idempotency keys, the access log). A disk that turns read-only after an error does
 * not say so to access(2), so readiness learns it from the refusals: not ready until
 * WRITE_REFUSAL_REMEMBERED_MS after the last one, or until a write is accepted again. A full disk
 * is also seen by the store's own probe (statfs) before any write fails.
 */
@Injectable()
export class WriteRefusals {
  private last?: { code: string; at: number };
  /** The clock, replaceable in tests. */
  now: () => number = Date.now;

  /** Called with every error answered as 503: remembers those that are storage refusing a write. */
  seen(error: unknown): void {
    const code = sqliteStorageRefusal(error);
    if (code) this.last = { code, at: this.now() };
  }

  /** A request that writes was answered 2xx: storage takes writes again. */
  accepted(): void {
    this.last = undefined;
  }

  /** Why writes were refused a moment ago, in words for a public health answer (no path), or undefined. */
  recent(): string | undefined {
    if (!this.last || this.now() - this.last.at >= WRITE_REFUSAL_REMEMBERED_MS) return undefined;
    return `the last write was refused (${this.last.code})`;
  }
}

/** Express middleware: a request other than a read answered 2xx tells `refusals` writes work again. */
export function noteAcceptedWrites(refusals: WriteRefusals) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.on('finish', () => {
        if (response.statusCode >= 200 && response.statusCode < 300) refusals.accepted();
      });
    }
    next();
  };
}
