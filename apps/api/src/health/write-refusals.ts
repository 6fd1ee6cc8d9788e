import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { sqliteStorageRefusal } from '@casetrail/persistence';
import { RefusedWrites } from '@casetrail/shared';

export { REFUSAL_REMEMBERED_MS as WRITE_REFUSAL_REMEMBERED_MS } from '@casetrail/shared';

/**
 * Writes this API had refused by SQLite for want of storage, on any of its connections (the
 * events, the idempotency keys, the access log). A disk that turns read-only after an error does
 * not say so to access(2), so readiness learns it from the refusals: not ready until
 * REFUSAL_REMEMBERED_MS after the last one, or until a write is accepted again. A full disk is
 * also seen by the store's own probe (statfs) before any write fails; the store's own memory of
 * refused appends covers those made outside a request (the embedded deadline scheduler).
 */
@Injectable()
export class WriteRefusals extends RefusedWrites {
  /** Called with every error answered as 503: remembers those that are storage refusing a write. */
  seen(error: unknown): void {
    const code = sqliteStorageRefusal(error);
    if (code) this.refused(code);
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
