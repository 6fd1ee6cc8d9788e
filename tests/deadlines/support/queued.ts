import { Queue } from 'bullmq';
import { JOB_NAMES, QueuedDeadlines, QueuedDeadlinesOptions } from '@casetrail/scheduling';
import { Casework } from './casework';

/** QueuedDeadlines over a Casework store, with periodic jobs far enough apart not to run in a test. */
export function queuedDeadlines(casework: Casework, url: string, prefix: string, extra: Partial<QueuedDeadlinesOptions> = {}): QueuedDeadlines {
  return new QueuedDeadlines({
    url,
    prefix,
    runtime: casework.runtime,
    db: casework.db,
    reconcileEveryMs: 3_600_000,
    sweepEveryMs: 3_600_000,
    ...extra,
  });
}

/** expire-deadline jobs not yet finished (waiting, delayed, active), whatever else the queue holds. */
export async function pendingDeadlineJobs(queue: Queue): Promise<number> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'prioritized']);
  return jobs.filter((job) => job?.name === JOB_NAMES.expireDeadline).length;
}
