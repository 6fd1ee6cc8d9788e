/** The FailedJobs of this deployment: the in-process scheduler's, or the BullMQ queue's. */
export const FAILED_JOBS = Symbol('FAILED_JOBS');
