import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { DeadlineJobData, deadlineJobId, revisionOfJobId } from '../deadline-job';
import { DeadlinePayload, DeadlineScheduler, FailedJob, FailedJobs } from '../deadline-scheduler.port';
import { DEADLINE_QUEUE, DEFAULT_PREFIX, DeadlineQueueOptions, EXPIRE_DEADLINE_JOB_OPTIONS, JOB_NAMES } from './deadline-queue';
import { producerConnection } from './redis-connection';

/**
 * The producer side on Redis: one delayed BullMQ job per armed deadline, with the id
 * `<deadlineId>@<revision>`. A hash `<prefix>:<queue>:armed-deadlines` remembers which job arms
 * each open deadline, so cancel() finds it by the deadline id alone and a later revision
 * replaces the job of an earlier one.
 */
export class BullmqDeadlineScheduler implements DeadlineScheduler, FailedJobs {
  readonly queue: Queue;
  /** For the armed-deadlines hash: BullMQ's own client wrapper offers only what BullMQ needs. */
  private readonly redis: Redis;
  private connecting?: Promise<void>;
  private readonly armedKey: string;

  constructor(options: DeadlineQueueOptions) {
    const queueName = options.queueName ?? DEADLINE_QUEUE;
    const prefix = options.prefix ?? DEFAULT_PREFIX;
    this.queue = new Queue(queueName, { connection: producerConnection(options.url), prefix, defaultJobOptions: EXPIRE_DEADLINE_JOB_OPTIONS });
    this.redis = new Redis({ ...producerConnection(options.url), lazyConnect: true });
    // Failures reach the callers through rejected promises; the events would crash the process.
    this.queue.on('error', () => undefined);
    this.redis.on('error', () => undefined);
    this.armedKey = `${prefix}:${queueName}:armed-deadlines`;
  }

  async schedule(deadlineId: string, dueAt: string, payload: DeadlinePayload): Promise<void> {
    const jobId = deadlineJobId(deadlineId, payload.revision);
    const previous = await (await this.hash()).hget(this.armedKey, deadlineId);
    const previousRevision = previous === null ? undefined : revisionOfJobId(previous);
    if (previousRevision !== undefined && previousRevision > payload.revision) return;
    if (previous === jobId) {
      await this.retryIfFailed(jobId);
      return;
    }
    // BullMQ adds nothing when a job with this id exists already, in whatever state.
    // It measures the delay with this machine's clock, whatever clock the application uses.
    const data: DeadlineJobData = { caseId: payload.caseId, deadlineId, dueAt, revision: payload.revision };
    await this.queue.add(JOB_NAMES.expireDeadline, data, { jobId, delay: Math.max(0, Date.parse(dueAt) - Date.now()) });
    await (await this.hash()).hset(this.armedKey, deadlineId, jobId);
    // Removing a job another worker holds fails (it is locked); it then finds the deadline rescheduled.
    if (previous !== null) await this.queue.remove(previous);
  }

  async cancel(deadlineId: string): Promise<void> {
    const previous = await (await this.hash()).hget(this.armedKey, deadlineId);
    if (previous === null) return;
    // A completed job stays: it is what makes arming the same deadline again add nothing.
    // An active one is locked; it runs and finds the deadline closed.
    const state = await this.queue.getJobState(previous);
    if (state !== 'completed' && state !== 'active') await this.queue.remove(previous);
    await (await this.hash()).hdel(this.armedKey, deadlineId);
  }

  /** One round trip: the job that recorded the miss is active or done, and stays as it is. */
  async release(deadlineId: string): Promise<void> {
    await (await this.hash()).hdel(this.armedKey, deadlineId);
  }

  /** Deadlines with a job armed (for status and tests): the hash holds one entry per open deadline. */
  async armedCount(): Promise<number> {
    return (await this.hash()).hlen(this.armedKey);
  }

  async jobCounts(): Promise<Record<'delayed' | 'waiting' | 'failed', number>> {
    const counts = await this.queue.getJobCounts('delayed', 'waiting', 'failed');
    return { delayed: counts.delayed ?? 0, waiting: counts.waiting ?? 0, failed: counts.failed ?? 0 };
  }

  async listFailed(limit: number): Promise<FailedJob[]> {
    const jobs = await this.queue.getFailed(0, Math.max(0, limit - 1));
    return jobs.map(toFailedJob);
  }

  /** Moves a failed job back to be tried again (the CLI's `jobs retry`). False if it is not failed. */
  async retryFailed(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (!job || !(await job.isFailed())) return false;
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.redis.disconnect();
  }

  /** Connects on first use; with Redis down later, commands fail at once rather than queue. */
  private async hash(): Promise<Redis> {
    this.connecting ??= this.redis.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    await this.connecting;
    return this.redis;
  }

  /** Whoever arms a deadline believes it open: a job that gave up on it gets another go. */
  private async retryIfFailed(jobId: string): Promise<void> {
    if ((await this.queue.getJobState(jobId)) !== 'failed') return;
    const job = await this.queue.getJob(jobId);
    await job?.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  }
}

function toFailedJob(job: Job): FailedJob {
  const data: Partial<Record<keyof DeadlineJobData, unknown>> = typeof job.data === 'object' && job.data !== null ? job.data : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    jobId: job.id ?? '',
    name: job.name,
    caseId: text(data.caseId),
    deadlineId: text(data.deadlineId),
    dueAt: text(data.dueAt),
    failedReason: job.failedReason ?? '',
    attemptsMade: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}
