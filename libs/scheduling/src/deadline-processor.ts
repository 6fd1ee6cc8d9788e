import { EventStore, RecordedEvent, Subscription } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { DeadlineScheduledData, isDeadlineEvent } from '@casetrail/workflow';
import { DeadlineScheduler } from './deadline-scheduler.port';

export const DEADLINE_PROCESSOR_NAME = 'deadline-scheduler';

/**
 * Every scheduler call is idempotent, so replaying events after a crash re-does nothing: the
 * checkpoint is saved every so many events or so much time, not after each one (a save is a
 * database commit, which on SQLite is an fsync competing with the commands the jobs send).
 */
const SAVE_EVERY_EVENTS = 500;
const SAVE_AFTER_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;

export interface DeadlineProcessorOptions {
  /** Checkpoint name in projection_checkpoints. */
  name?: string;
  /** Told of every failure (the processor restarts from its checkpoint after a backoff). */
  onError?: (error: unknown) => void;
}

/**
 * The store is the source of truth for deadlines: this reads it from a checkpoint and turns
 * DeadlineScheduled into schedule(), DeadlineMet/Cancelled into cancel() and DeadlineMissed into
 * release() (the job has fired: nothing is left to disarm). All three are idempotent, so
 * replaying events after a crash arms nothing twice. Nothing else schedules: not a command
 * handler, not an HTTP request.
 */
export class DeadlineProcessor {
  private subscription?: Subscription;
  private stopped = true;
  private failures = 0;
  private restartTimer?: NodeJS.Timeout;
  private position = 0;
  private savedPosition = 0;
  private savedAt = 0;
  private saving: Promise<void> = Promise.resolve();
  private saveTimer?: NodeJS.Timeout;
  private lastError?: string;
  private waiters: { position: number; wake: () => void }[] = [];
  private readonly name: string;

  constructor(
    private readonly store: EventStore,
    private readonly db: CasetrailDatabase,
    private readonly scheduler: DeadlineScheduler,
    private readonly options: DeadlineProcessorOptions = {},
  ) {
    this.name = options.name ?? DEADLINE_PROCESSOR_NAME;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.subscribe();
    // While events trickle in, the checkpoint still follows within a second or so.
    this.saveTimer = setInterval(() => void this.saveCheckpoint().catch(() => undefined), SAVE_AFTER_MS);
    this.saveTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    clearInterval(this.saveTimer);
    await this.subscription?.stop();
    await this.saveCheckpoint().catch(() => undefined);
  }

  /** Resolves true once every event up to `position` has been turned into scheduler calls. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, wake: () => resolve(true) };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(this.position >= position);
      }, timeoutMs).unref();
    });
  }

  status(): { name: string; position: number; lastError?: string } {
    return { name: this.name, position: this.position, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  private async subscribe(): Promise<void> {
    const row = await this.db.selectFrom('projection_checkpoints').select('position').where('name', '=', this.name).executeTakeFirst();
    const after = row ? Number(row.position) : 0;
    this.position = after;
    this.savedPosition = after;
    if (this.stopped) return;
    this.subscription = this.store.subscribeToAll({
      after,
      onEvent: (event) => this.handle(event),
      onError: (error) => this.restartLater(error),
    });
  }

  /** Redis or the database is down: try again from the checkpoint, backing off up to 30 s. */
  private restartLater(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.options.onError?.(error);
    if (this.stopped) return;
    this.failures += 1;
    const delay = Math.min(500 * 2 ** (this.failures - 1), MAX_RESTART_DELAY_MS);
    this.restartTimer = setTimeout(() => {
      this.subscribe().catch((failure: unknown) => this.restartLater(failure));
    }, delay);
  }

  private async handle(event: RecordedEvent): Promise<void> {
    await this.apply(event);
    this.position = event.position;
    this.failures = 0;
    if (this.position - this.savedPosition >= SAVE_EVERY_EVENTS || Date.now() - this.savedAt >= SAVE_AFTER_MS) await this.saveCheckpoint();
    this.wakeWaiters();
  }

  private async apply(event: RecordedEvent): Promise<void> {
    const domainEvent = { type: event.type, data: event.data };
    if (!isDeadlineEvent(domainEvent)) return;
    if (domainEvent.type === 'DeadlineMissed') {
      await this.scheduler.release(domainEvent.data.deadlineId);
      return;
    }
    if (domainEvent.type !== 'DeadlineScheduled') {
      await this.scheduler.cancel(domainEvent.data.deadlineId);
      return;
    }
    const parsed = DeadlineScheduledData.safeParse(event.data);
    if (!parsed.success) {
      // Stopping here would leave every later deadline unarmed; the event is reported instead.
      this.options.onError?.(new Error(`DeadlineScheduled at position ${event.position} is malformed: ${parsed.error.message}`));
      return;
    }
    await this.scheduler.schedule(parsed.data.deadlineId, parsed.data.dueAt, { caseId: event.streamId, revision: event.revision });
  }

  /** Saves run one after another, so an older position never overwrites a newer one. */
  private saveCheckpoint(): Promise<void> {
    this.saving = this.saving.catch(() => undefined).then(async () => {
      const position = this.position;
      this.savedAt = Date.now();
      if (position <= this.savedPosition) return;
      await this.db
        .insertInto('projection_checkpoints')
        .values({ name: this.name, position })
        .onConflict((oc) => oc.column('name').doUpdateSet({ position }))
        .execute();
      this.savedPosition = position;
    });
    return this.saving;
  }

  private wakeWaiters(): void {
    const ready = this.waiters.filter((w) => w.position <= this.position);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > this.position);
    ready.forEach((w) => w.wake());
  }
}
