// The module's own setImmediate, not the global one: a test that fakes timers must not stall appends.
import { setImmediate } from 'node:timers';

/** What one append of a group came to: its own result, or its own error. */
export type AppendOutcome<Result> = { ok: true; value: Result } | { ok: false; error: unknown };

/**
 * How much one group may hold. The group's transaction runs synchronously on the event loop and
 * holds SQLite's single write lock until its COMMIT, so the bounds cap how long other requests
 * and other processes' writers wait behind it; past a few dozen appends the fsync is already
 * shared so widely that a bigger group gains nothing. One append is never split: a batch larger
 * than maxEvents is a group of its own.
 */
export interface GroupLimits {
  maxAppends: number;
  maxEvents: number;
}

interface Queued<Request, Result> {
  request: Request;
  events: number;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: requests queued during one turn of the event loop are written together at the
 * next setImmediate, one group at a time, through `commit`. Not postgres/group-commit-queue.ts,
 * which sends a lone request at once: better-sqlite3 is synchronous, so nothing would ever be
 * in flight to queue behind, and waiting one turn is the only way appends can meet. `commit` answers each request of the
 * group in order; if it throws, the whole group failed and every request of it gets that error.
 */
export class GroupCommit<Request, Result> {
  private queue: Queued<Request, Result>[] = [];
  private scheduled = false;
  /** The group being written; while it waits (a busy lock), new requests queue for the next. */
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly commit: (requests: Request[]) => Promise<AppendOutcome<Result>[]>,
    private readonly limits: GroupLimits,
  ) {}

  submit(request: Request, events: number): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, events, resolve, reject });
      this.schedule();
    });
  }

  /** Writes (or refuses) everything queued so far, group by group, and resolves when done. */
  async drain(): Promise<void> {
    while (this.inFlight || this.queue.length > 0) await (this.inFlight ?? this.writeNextGroup());
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.writeNextGroup();
    });
  }

  private writeNextGroup(): Promise<void> {
    if (this.inFlight || this.queue.length === 0) return this.inFlight ?? Promise.resolve();
    const group = this.takeGroup();
    this.inFlight = this.settle(group).finally(() => {
      this.inFlight = undefined;
      // The rest waits for the next turn: other work on the loop runs between two groups.
      if (this.queue.length > 0) this.schedule();
    });
    return this.inFlight;
  }

  private takeGroup(): Queued<Request, Result>[] {
    let count = 0;
    let events = 0;
    while (count < this.queue.length && count < this.limits.maxAppends) {
      const next = this.queue[count]!.events;
      if (count > 0 && events + next > this.limits.maxEvents) break;
      events += next;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async settle(group: Queued<Request, Result>[]): Promise<void> {
    let outcomes: AppendOutcome<Result>[];
    try {
      outcomes = await this.commit(group.map((queued) => queued.request));
    } catch (error) {
      group.forEach((queued) => queued.reject(error));
      return;
    }
    group.forEach((queued, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) queued.resolve(outcome.value);
      else queued.reject(outcome.error);
    });
  }
}
