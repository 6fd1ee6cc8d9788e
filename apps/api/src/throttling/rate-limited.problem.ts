import { HttpProblem } from '../problems/http-errors';

/** 429: this caller sent more requests than CASETRAIL_RATE_LIMIT in the window; Retry-After says when to try again. */
export const rateLimited = (retryAfterSeconds: number, limit: number, windowSeconds: number) =>
  new HttpProblem(
    429,
    'RATE_LIMITED',
    'Too many requests',
    `More than ${limit} requests in ${windowSeconds} s from you; retry after ${retryAfterSeconds} s`,
    { limit, windowSeconds, retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
