import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Who may read /metrics: anyone when CASETRAIL_METRICS_TOKEN is unset (a private network),
 * otherwise only `Authorization: Bearer <exactly that token>`, compared in constant time.
 */
export function metricsTokenAccepted(expected: string | undefined, authorization: string | undefined): boolean {
  if (expected === undefined) return true;
  const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
