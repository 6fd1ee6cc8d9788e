import { JobsOptions } from 'bullmq';

export const DEADLINE_QUEUE = 'casetrail-deadlines';
/** Key prefix in Redis: `<prefix>:<queue>:...`. Tests use their own. */
export const DEFAULT_PREFIX = 'casetrail';

export const JOB_NAMES = {
  expireDeadline: 'expire-deadline',
  reconcile: 'reconcile-deadlines',
  escalationSweep: 'escalation-sweep',
} as const;

export interface DeadlineQueueOptions {
  /** Redis URL; the path selects the logical database, e.g. redis://host:6379/2. */
  url: string;
  queueName?: string;
  prefix?: string;
}

const DAY_S = 24 * 3600;

/**
 * A failed job stays for operators (GET /api/admin/jobs/failed) for 90 days; a completed one
 * for 7 days, so that re-arming a deadline that has just fired finds its job and adds nothing.
 * Ten attempts with exponential backoff from 1 s cover about 17 minutes of store outage; after
 * that, reconcile retries the failed job of any deadline still open.
 */
export const EXPIRE_DEADLINE_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 7 * DAY_S, count: 100_000 },
  removeOnFail: { age: 90 * DAY_S },
};

/** Periodic jobs: each run replaces the last, so keep a few for inspection. */
export const PERIODIC_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 50 },
  removeOnFail: { age: 30 * DAY_S },
};
