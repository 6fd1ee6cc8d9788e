import { DelayedError, Job, UnrecoverableError, Worker } from 'bullmq';
import { DeadlineJobData } from '../deadline-job';
import { FireDeadline, PermanentFiringError } from '../deadline-scheduler.port';
import { DEADLINE_QUEUE, DEFAULT_PREFIX, DeadlineQueueOptions, JOB_NAMES } from './deadline-queue';
import { workerConnection } from './redis-connection';

export interface DeadlineJobHandlers {
  fire: FireDeadline;
  reconcile: () => Promise<unknown>;
  escalationSweep: () => Promise<unknown>;
}

/**
 * Jobs one worker process runs at once. A firing mostly waits (the store's commit, Redis), and the
 * store commits the appends that meet in one group (ADRs 0002, 0003), so more at once means fewer
 * commits per firing: in bench:deadlines (3,000 due at once) 8 gave 2,302 firings/s, 32 gave 3,083
 * and 64 3,061. CASETRAIL_DEADLINE_CONCURRENCY overrides it.
 */
export const DEFAULT_DEADLINE_CONCURRENCY = 32;

export interface DeadlineWorkerOptions extends DeadlineQueueOptions {
  concurrency?: number;
  /**
   * A job whose worker stops renewing its lock (killed, hung) is taken back after lockDuration
   * and re-run elsewhere. BullMQ's defaults (30 s) suit production; tests shorten them.
   */
  lockDuration?: number;
  stalledInterval?: number;
  maxStalledCount?: number;
  /** Start taking jobs at construction (default) or only on run(). */
  autorun?: boolean;
}

/**
 * The consumer side on Redis. An `expire-deadline` job's data is checked with its schema first:
 * a malformed job fails at once, with the reason, and the worker carries on.
 */
export class DeadlineWorker {
  readonly worker: Worker;

  constructor(
    private readonly handlers: DeadlineJobHandlers,
    options: DeadlineWorkerOptions,
  ) {
    this.worker = new Worker(options.queueName ?? DEADLINE_QUEUE, (job, token) => this.process(job, token), {
      connection: workerConnection(options.url),
      prefix: options.prefix ?? DEFAULT_PREFIX,
      concurrency: options.concurrency ?? DEFAULT_DEADLINE_CONCURRENCY,
      autorun: options.autorun ?? true,
      ...(options.lockDuration !== undefined ? { lockDuration: options.lockDuration } : {}),
      ...(options.stalledInterval !== undefined ? { stalledInterval: options.stalledInterval } : {}),
      ...(options.maxStalledCount !== undefined ? { maxStalledCount: options.maxStalledCount } : {}),
    });
    // Connection errors are retried by ioredis; the event would otherwise crash the process.
    this.worker.on('error', () => undefined);
  }

  /** Waits for the jobs under way to finish, then closes: what SIGTERM and SIGINT ask for. */
  async close(): Promise<void> {
    await this.worker.close();
  }

  private async process(job: Job, token?: string): Promise<unknown> {
    switch (job.name) {
      case JOB_NAMES.expireDeadline:
        return this.expire(job, token);
      case JOB_NAMES.reconcile:
        return this.handlers.reconcile();
      case JOB_NAMES.escalationSweep:
        return this.handlers.escalationSweep();
      default:
        throw new UnrecoverableError(`unknown job name ${job.name}`);
    }
  }

  private async expire(job: Job, token?: string): Promise<string> {
    const parsed = DeadlineJobData.safeParse(job.data);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ');
      throw new UnrecoverableError(`invalid expire-deadline payload: ${issues}`);
    }
    let outcome;
    try {
      outcome = await this.handlers.fire({ ...parsed.data, jobId: job.id ?? '', attempt: job.attemptsMade + 1 });
    } catch (error) {
      if (error instanceof PermanentFiringError) throw new UnrecoverableError(error.message);
      throw error;
    }
    if (outcome === 'early') {
      // Not due by this worker's clock: back to the delayed set for its due time, no attempt spent.
      await job.moveToDelayed(Math.max(Date.parse(parsed.data.dueAt), Date.now() + 250), token);
      throw new DelayedError();
    }
    return outcome;
  }
}
