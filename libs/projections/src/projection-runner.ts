import { setImmediate, setTimeout as sleep } from 'node:timers/promises';
import { AppendSignal, EventStore, RecordedEvent } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { Projection } from './projection';
import { ensureCheckpoint, readCheckpoint } from './runner/checkpoints';
import { readFailures } from './runner/failures';
import { handoverRequestedBy } from './runner/handover';
import { commitLiveBatch } from './runner/live-batch';
import { describeError, ProjectionFailure } from './runner/projection-failure';
import { ProjectionLock } from './runner/projection-lock';

export { liveTableNames } from './runner/table-names';
export type { ProjectionFailure } from './runner/projection-failure';

export interface RunnerTuning {
  /** Most events read and applied per transaction. */
  batchSize: number;
  /** A batch commits once it has spent this long applying, even if events remain. */
  batchBudgetMs: number;
  /** With nothing to wake it: how often to look for events, for the lock, for a handover. */
  pollMs: number;
  /** While running: how often to look for a rebuild asking for the projection. */
  handoverCheckMs: number;
  /** After an error that is not the event's fault (database unreachable...). */
  retryMs: number;
}

export const DEFAULT_RUNNER_TUNING: RunnerTuning = { batchSize: 500, batchBudgetMs: 250, pollMs: 1_000, handoverCheckMs: 500, retryMs: 1_000 };

/** How often a `waitFor` looks at the checkpoint another process moves. */
const FOLLOW_POLL_MS = 50;

/**
 * `run`: compete for the projection's lock and apply events while holding it.
 * `follow`: never apply; track the checkpoint that another process (the worker) moves.
 */
export type RunnerMode = 'run' | 'follow';

export type RunnerState = 'starting' | 'waiting' | 'running' | 'yielded' | 'failed' | 'following' | 'stopped';

export interface RunnerStatus {
  name: string;
  state: RunnerState;
  /** The checkpoint as this process last knew it. */
  position: number;
  failure?: ProjectionFailure;
  /** The last error that was not the event's fault; the runner retries. */
  lastError?: string;
  /** Events and transactions this process applied and committed. */
  eventsApplied: number;
  batches: number;
}

export type ProjectionRunnerOptions = { owner: string; tuning?: Partial<RunnerTuning> } & (
  | { mode: 'run'; lock: ProjectionLock }
  | { mode: 'follow' }
);

/**
 * Feeds one projection from the store in batches: each batch's effect and the checkpoint commit
 * in one transaction. Only the holder of the projection's lock applies; the others wait and take
 * over when it goes. A failing event stops the projection and is reported, never skipped.
 */
export class ProjectionRunner<Tables> {
  private readonly tuning: RunnerTuning;
  private state: RunnerState = 'starting';
  private position = 0;
  private failure?: ProjectionFailure;
  private lastError?: string;
  private stopped = false;
  private loop?: Promise<void>;
  private readonly wake = new AppendSignal();
  private readonly progress = new AppendSignal();
  private pending: readonly RecordedEvent[] = [];
  private clearsFailure = false;
  private lastHandoverCheck = 0;
  private eventsApplied = 0;
  private batches = 0;
  private refreshing?: Promise<void>;
  private lastRefresh = 0;

  constructor(
    private readonly store: EventStore,
    private readonly db: CasetrailDatabase,
    private readonly projection: Projection<Tables>,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.tuning = { ...DEFAULT_RUNNER_TUNING, ...options.tuning };
  }

  get name(): string {
    return this.projection.name;
  }

  /** Starts the loop; the projection's tables must exist (ProjectionHost creates them). */
  async start(): Promise<void> {
    await this.follow();
    this.loop = this.run();
  }

  /** New events may be in the store: look now rather than at the next poll. */
  notify(): void {
    this.wake.notify();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake.notify();
    this.progress.notify();
    await this.loop;
    if (this.options.mode === 'run') await this.options.lock.release().catch(() => undefined);
    this.state = 'stopped';
  }

  /** Resolves true once the projection has applied everything up to `position`; false on timeout or failure. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.position >= position) return true;
      // A stop recorded before this runner first tried the lock may be retried by it: not final yet.
      if ((this.failure && this.state !== 'starting') || this.stopped) return false;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      if (this.state === 'running') {
        await this.progress.next(left).promise;
      } else {
        // Another process (or a rebuild) moves the checkpoint: watch it, one read for all waiters.
        await this.refreshForWaiters().catch(() => undefined);
      }
    }
  }

  status(): RunnerStatus {
    return {
      name: this.projection.name,
      state: this.state,
      position: this.position,
      ...(this.failure ? { failure: this.failure } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
      eventsApplied: this.eventsApplied,
      batches: this.batches,
    };
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.step();
      } catch (error) {
        this.lastError = describeError(error);
        this.pending = [];
        await this.pause(this.tuning.retryMs);
      }
    }
  }

  private async step(): Promise<void> {
    if (this.options.mode === 'follow') {
      await this.follow();
      return this.pause(this.tuning.pollMs);
    }
    const lock = this.options.lock;
    if (!lock.held) return this.acquire(lock);
    if (await this.handoverDue()) {
      await lock.release();
      this.state = 'yielded';
      this.pending = [];
      return;
    }
    // A stopped projection keeps its lock, so no other process retries the event meanwhile.
    if (this.state === 'failed') return this.pause(this.tuning.pollMs);
    const events = this.pending.length > 0 ? this.pending : await this.store.readAll({ after: this.position, maxCount: this.tuning.batchSize });
    if (events.length === 0) return this.pause(this.tuning.pollMs);
    await this.commit(lock, events);
    // On SQLite every await in a batch resolves at once, so catching up would otherwise run as
    // one unbroken chain and keep HTTP requests in this process waiting until it ends.
    await setImmediate();
  }

  private async commit(lock: ProjectionLock, events: readonly RecordedEvent[]): Promise<void> {
    const outcome = await commitLiveBatch(
      { db: this.db, projection: this.projection, lock, owner: this.options.owner, clearsFailure: this.clearsFailure, budgetMs: this.tuning.batchBudgetMs },
      this.position,
      events,
    );
    if (outcome.kind === 'superseded') {
      // Someone else moved the checkpoint, or the lease ran out: start again from the table.
      this.pending = [];
      if (lock.held) this.position = await readCheckpoint(this.db, this.projection.name);
      this.progress.notify();
      return;
    }
    this.batches += 1;
    this.eventsApplied += outcome.applied;
    this.position = outcome.checkpoint;
    this.pending = events.slice(outcome.applied);
    this.lastError = undefined;
    if (outcome.applied > 0) this.clearsFailure = false;
    if (outcome.kind === 'failed') {
      this.failure = outcome.failure;
      this.state = 'failed';
      this.pending = [];
    }
    this.progress.notify();
  }

  private async acquire(lock: ProjectionLock): Promise<void> {
    const requester = await handoverRequestedBy(this.db, this.projection.name);
    if (requester !== null || !(await lock.tryAcquire())) {
      this.state = requester !== null ? 'yielded' : 'waiting';
      await this.follow();
      return this.pause(this.tuning.pollMs);
    }
    await ensureCheckpoint(this.db, this.projection.name);
    this.position = await readCheckpoint(this.db, this.projection.name);
    // A stop recorded earlier (by any process) is retried: the code may have been fixed since.
    this.clearsFailure = (await readFailures(this.db)).has(this.projection.name);
    this.failure = undefined;
    this.pending = [];
    this.state = 'running';
    this.lastHandoverCheck = Date.now();
    this.progress.notify();
  }

  private async handoverDue(): Promise<boolean> {
    if (Date.now() - this.lastHandoverCheck < this.tuning.handoverCheckMs) return false;
    this.lastHandoverCheck = Date.now();
    return (await handoverRequestedBy(this.db, this.projection.name)) !== null;
  }

  /** Not applying: take the checkpoint and any recorded stop from the tables. */
  private async follow(): Promise<void> {
    const [position, failures] = await Promise.all([readCheckpoint(this.db, this.projection.name), readFailures(this.db)]);
    // Took the lock meanwhile: this runner's own position and stop are the truth now, not what was read.
    if (this.options.mode === 'run' && this.options.lock.held) return;
    this.position = position;
    this.failure = failures.get(this.projection.name);
    if (this.options.mode === 'follow') this.state = this.failure ? 'failed' : 'following';
    this.progress.notify();
  }

  /**
   * Many requests may wait at once (every `consistentWith` read while the worker runs the
   * projections): they share one checkpoint read, at most one per FOLLOW_POLL_MS.
   */
  private refreshForWaiters(): Promise<void> {
    this.refreshing ??= (async () => {
      const wait = this.lastRefresh + FOLLOW_POLL_MS - Date.now();
      if (wait > 0) await sleep(wait);
      this.lastRefresh = Date.now();
      await this.follow();
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async pause(ms: number): Promise<void> {
    if (this.stopped) return;
    await this.wake.next(ms).promise;
  }
}
