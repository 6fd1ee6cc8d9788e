import { deadlineJobId } from '../deadline-job';
import {
  DeadlineFiring,
  DeadlinePayload,
  DeadlineScheduler,
  FailedJob,
  FailedJobs,
  FireDeadline,
  PermanentFiringError,
} from '../deadline-scheduler.port';

/** setTimeout holds at most 2^31-1 ms (about 24.8 days); a longer delay fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface InProcessSchedulerOptions {
  fire: FireDeadline;
  /** The application's clock: a deadline is armed for dueAt minus now(). */
  now?: () => Date;
  /** Attempts before a job is failed for good. */
  attempts?: number;
  /** First retry delay; doubles on each attempt. */
  backoffMs?: number;
  /** Longest single timer; longer delays are re-armed in steps. Tests shorten it. */
  maxTimerMs?: number;
  /** How long to wait before asking again when the firing said `early`. */
  earlyRetryMs?: number;
}

interface Armed {
  jobId: string;
  deadlineId: string;
  dueAt: string;
  payload: DeadlinePayload;
  attempt: number;
  timer?: NodeJS.Timeout;
}

/**
 * The embedded default: one timer per open deadline, in this process. Timers die with the
 * process; the processor's reconcile at start-up re-arms every open deadline, so one that fell
 * due while the process was down fires as soon as it is back.
 */
export class InProcessDeadlineScheduler implements DeadlineScheduler, FailedJobs {
  private readonly armed = new Map<string, Armed>();
  private readonly failed = new Map<string, FailedJob>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;
  private readonly now: () => Date;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly maxTimerMs: number;
  private readonly earlyRetryMs: number;

  constructor(private readonly options: InProcessSchedulerOptions) {
    this.now = options.now ?? (() => new Date());
    this.attempts = options.attempts ?? 8;
    this.backoffMs = options.backoffMs ?? 1000;
    this.maxTimerMs = Math.min(options.maxTimerMs ?? MAX_TIMER_MS, MAX_TIMER_MS);
    this.earlyRetryMs = options.earlyRetryMs ?? 1000;
  }

  async schedule(deadlineId: string, dueAt: string, payload: DeadlinePayload): Promise<void> {
    if (this.closed) return;
    const jobId = deadlineJobId(deadlineId, payload.revision);
    const current = this.armed.get(deadlineId);
    if (current && current.payload.revision >= payload.revision) return;
    if (current) clearTimeout(current.timer);
    this.failed.delete(jobId);
    const entry: Armed = { jobId, deadlineId, dueAt, payload: { ...payload }, attempt: 1 };
    this.armed.set(deadlineId, entry);
    this.armUntil(entry, Date.parse(dueAt));
  }

  async cancel(deadlineId: string): Promise<void> {
    const current = this.armed.get(deadlineId);
    if (!current) return;
    clearTimeout(current.timer);
    this.armed.delete(deadlineId);
  }

  /** Nothing cheaper to do in memory than to disarm. */
  release(deadlineId: string): Promise<void> {
    return this.cancel(deadlineId);
  }

  async listFailed(limit: number): Promise<FailedJob[]> {
    return [...this.failed.values()].reverse().slice(0, limit);
  }

  /**
   * Measures every timer against the clock again: after the wall clock jumps (a suspended host,
   * an NTP step, a test moving its clock) timers armed before would fire at the wrong time.
   */
  rearmAll(): void {
    [...this.armed.values()].forEach((entry) => {
      clearTimeout(entry.timer);
      this.armUntil(entry, Date.parse(entry.dueAt));
    });
  }

  /** How many deadlines have a timer now (for status and tests). */
  armedCount(): number {
    return this.armed.size;
  }

  /** Stops arming and waits for the firings under way to finish. */
  async close(): Promise<void> {
    this.closed = true;
    this.armed.forEach((entry) => clearTimeout(entry.timer));
    this.armed.clear();
    await Promise.allSettled([...this.running]);
  }

  private armUntil(entry: Armed, atMs: number): void {
    if (this.closed) return;
    const delay = atMs - this.now().getTime();
    if (delay <= 0) {
      this.run(entry);
      return;
    }
    // Each step is measured against the clock again: a delay beyond one timer's reach is walked
    // in steps, and a timer that wakes a millisecond early (Node's timers round) waits the rest.
    entry.timer = setTimeout(() => this.armUntil(entry, atMs), Math.min(delay, this.maxTimerMs));
    entry.timer.unref();
  }

  private run(entry: Armed): void {
    if (this.closed || this.armed.get(entry.deadlineId) !== entry) return;
    const firing: DeadlineFiring = { ...entry.payload, jobId: entry.jobId, deadlineId: entry.deadlineId, dueAt: entry.dueAt, attempt: entry.attempt };
    const done = this.options
      .fire(firing)
      .then((outcome) => {
        if (outcome === 'early') this.armUntil(entry, Math.max(Date.parse(entry.dueAt), this.now().getTime() + this.earlyRetryMs));
        else if (this.armed.get(entry.deadlineId) === entry) this.armed.delete(entry.deadlineId);
      })
      .catch((error: unknown) => this.retryOrFail(entry, error))
      .finally(() => this.running.delete(done));
    this.running.add(done);
  }

  private retryOrFail(entry: Armed, error: unknown): void {
    if (this.armed.get(entry.deadlineId) !== entry) return;
    if (error instanceof PermanentFiringError || entry.attempt >= this.attempts) {
      this.armed.delete(entry.deadlineId);
      this.failed.set(entry.jobId, {
        jobId: entry.jobId,
        name: 'expire-deadline',
        caseId: entry.payload.caseId,
        deadlineId: entry.deadlineId,
        dueAt: entry.dueAt,
        failedReason: error instanceof Error ? error.message : String(error),
        attemptsMade: entry.attempt,
        failedAt: this.now().toISOString(),
      });
      return;
    }
    entry.attempt += 1;
    const backoff = this.backoffMs * 2 ** (entry.attempt - 2);
    if (this.closed) return;
    entry.timer = setTimeout(() => this.run(entry), backoff);
    entry.timer.unref();
  }
}
