/**
 * The scheduler port: arms a timer for each open deadline and disarms it when the deadline is
 * met or cancelled. Two adapters: BullMQ on Redis (the worker) and in-process timers (the
 * embedded default). Neither decides anything: when a timer fires, the case is asked, through
 * the command path, whether the deadline was missed (ExpireDeadline).
 */

/** What a fired deadline needs to find its case and the scheduling that armed it. */
export interface DeadlinePayload {
  caseId: string;
  /** Revision of the DeadlineScheduled event that armed this timer. */
  revision: number;
}

/** A deadline whose time has come, as a job: `jobId` is deterministic (see deadline-job.ts). */
export interface DeadlineFiring extends DeadlinePayload {
  jobId: string;
  deadlineId: string;
  dueAt: string;
  /** 1 for the first attempt. */
  attempt: number;
}

/**
 * `expired`: the command path has answered (DeadlineMissed written, or a no-op because the
 * deadline was met, cancelled, rescheduled or missed already).
 * `early`: the clock says the deadline is not due yet; arm it again for its due time.
 */
export type FiringOutcome = 'expired' | 'early';

/** A firing that no retry can help: the job goes to the failed list at once, with this reason. */
export class PermanentFiringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentFiringError';
  }
}

/** Throwing a PermanentFiringError fails the job at once; any other error is retried with backoff. */
export type FireDeadline = (firing: DeadlineFiring) => Promise<FiringOutcome>;

export interface DeadlineScheduler {
  /**
   * Arms the deadline. Idempotent: the same deadline and revision give the same job, armed once.
   * A later revision replaces an earlier one; an earlier one never replaces a later one. If the
   * same job failed for good, it is tried again: whoever arms a deadline believes it open.
   */
  schedule(deadlineId: string, dueAt: string, payload: DeadlinePayload): Promise<void>;
  /** Disarms the deadline, whatever revision armed it; nothing happens if none is armed. */
  cancel(deadlineId: string): Promise<void>;
  /**
   * After DeadlineMissed: the timer has done its work, so forget the deadline cheaply. A job
   * still armed (the miss was recorded some other way) may fire, and changes nothing.
   */
  release(deadlineId: string): Promise<void>;
}

/** A job that has failed for good, as operators see it (GET /api/admin/jobs/failed, `jobs failed`). */
export interface FailedJob {
  jobId: string;
  name: string;
  caseId: string | null;
  deadlineId: string | null;
  dueAt: string | null;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
}

export interface FailedJobs {
  listFailed(limit: number): Promise<FailedJob[]>;
  /** Jobs in the queue by state, where there is a queue (BullMQ): what /metrics reports as queue depth. */
  jobCounts?(): Promise<Record<'delayed' | 'waiting' | 'failed', number>>;
}
