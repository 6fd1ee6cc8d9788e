/** How much one group may hold. The first item waiting always goes, however heavy it is. */
export interface GroupBounds {
  maxItems: number;
  /** Sum of `weigh(item)` over the group, e.g. events. */
  maxWeight: number;
}

/**
 * Sends a whole group in one call. Resolves with one outcome per item, in the group's order;
 * rejecting means the call as a whole failed, and every item of the group fails with that reason.
 */
export type SendGroup<T, R> = (items: T[]) => Promise<PromiseSettledResult<R>[]>;

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (reason: unknown) => void;
}

/**
 * Group commit in one process: at most one group is in flight (the SQLite adapter has its own,
 * sqlite/group-commit.ts, which waits a turn instead: its driver never leaves a call in flight).
 * An item submitted while nothing is in flight goes at once, alone, so a lone caller waits for
 * nothing extra; items submitted while a group is in flight wait, and go together, in
 * submission order, when it returns.
 *
 * When a group returns, the next one is taken only after the promise callbacks of that moment
 * have run (process.nextTick, which Node runs once the microtask queue is empty; no timer, no
 * I/O wait). Callers that were just answered and submit again straight away then join the group
 * instead of the first of them going alone and the rest waiting behind it, which would halve the
 * group size under steady load.
 */
export class GroupCommitQueue<T, R> {
  private readonly waiting: Waiting<T, R>[] = [];
  private inFlight: Promise<void> | undefined;
  private closedWith: (() => Error) | undefined;

  constructor(
    private readonly send: SendGroup<T, R>,
    private readonly bounds: GroupBounds,
    private readonly weigh: (item: T) => number,
  ) {}

  submit(item: T): Promise<R> {
    if (this.closedWith) return Promise.reject(this.closedWith());
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.inFlight) this.sendNext();
    });
  }

  /**
   * Refuses further items with `refusal()` and resolves once everything already submitted has
   * been sent and settled.
   */
  async close(refusal: () => Error): Promise<void> {
    this.closedWith ??= refusal;
    while (this.inFlight) await this.inFlight;
  }

  private sendNext(): void {
    const group = this.takeGroup();
    this.inFlight = group.length === 0 ? undefined : this.sendGroup(group).then(() => this.afterGroup());
  }

  /** Still counts as in flight until the answered callers' promise callbacks have run. */
  private async afterGroup(): Promise<void> {
    await new Promise<void>((resolve) => process.nextTick(resolve));
    this.sendNext();
  }

  private takeGroup(): Waiting<T, R>[] {
    let count = 0;
    let weight = 0;
    for (const next of this.waiting) {
      const nextWeight = this.weigh(next.item);
      if (count > 0 && (count === this.bounds.maxItems || weight + nextWeight > this.bounds.maxWeight)) break;
      count += 1;
      weight += nextWeight;
    }
    return this.waiting.splice(0, count);
  }

  /** Never rejects: every item of the group is settled, whatever `send` does. */
  private async sendGroup(group: Waiting<T, R>[]): Promise<void> {
    let outcomes: PromiseSettledResult<R>[];
    try {
      outcomes = await this.send(group.map((w) => w.item));
    } catch (error) {
      group.forEach((w) => w.reject(error));
      return;
    }
    group.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome?.status === 'fulfilled') w.resolve(outcome.value);
      else if (outcome) w.reject(outcome.reason);
      else w.reject(new Error(`group commit: no outcome for item ${i} of ${group.length}`));
    });
  }
}
