import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { listOpenDeadlines, OPEN_DEADLINES_PROJECTION, readCheckpoint } from '@casetrail/projections';
import { DeadlineScheduledData, isDeadlineEvent } from '@casetrail/workflow';
import { tableExists } from './table-exists';

/** A deadline that is open now, with the revision of the DeadlineScheduled event that set it. */
export interface OpenDeadline {
  caseId: string;
  deadlineId: string;
  rule: string;
  dueAt: string;
  revision: number;
}

/** Where reconcile reads the open deadlines from. */
export interface OpenDeadlineSource {
  listOpenDeadlines(): Promise<OpenDeadline[]>;
}

/** The fold of evolveDeadlines across every case: scheduled opens (or reopens), the rest close. */
function foldOpenDeadline(open: Map<string, OpenDeadline>, event: RecordedEvent): void {
  const domainEvent = { type: event.type, data: event.data };
  if (!isDeadlineEvent(domainEvent)) return;
  if (domainEvent.type !== 'DeadlineScheduled') {
    open.delete(domainEvent.data.deadlineId);
    return;
  }
  const parsed = DeadlineScheduledData.safeParse(event.data);
  if (!parsed.success) return;
  const { deadlineId, rule, dueAt } = parsed.data;
  open.set(deadlineId, { caseId: event.streamId, deadlineId, rule, dueAt, revision: event.revision });
}

async function foldFrom(store: EventStore, open: Map<string, OpenDeadline>, after: number, pageSize: number): Promise<number> {
  let position = after;
  const head = await store.headPosition();
  while (position < head) {
    const page = await store.readAll({ after: position, maxCount: pageSize });
    if (page.length === 0) break;
    page.forEach((event) => foldOpenDeadline(open, event));
    position = page.at(-1)!.position;
  }
  return position;
}

/**
 * Open deadlines folded straight from the store. The first call reads the whole store; later
 * calls read only what was appended since. Exact, but it holds every open deadline in memory
 * and its first call reads every event: the fallback while the read model does not exist.
 */
export class StoreOpenDeadlines implements OpenDeadlineSource {
  private readonly open = new Map<string, OpenDeadline>();
  private position = 0;
  private catchingUp?: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly pageSize = 1000,
  ) {}

  async listOpenDeadlines(): Promise<OpenDeadline[]> {
    // Concurrent callers share one catch-up: two would fold the same page twice.
    this.catchingUp ??= foldFrom(this.store, this.open, this.position, this.pageSize)
      .then((position) => void (this.position = position))
      .finally(() => (this.catchingUp = undefined));
    await this.catchingUp;
    return [...this.open.values()];
  }
}

/**
 * Open deadlines from the open-deadlines read model (libs/projections), brought up to the
 * store's head by folding the events after its checkpoint: a read model that lags (or whose
 * host is down) still yields every open deadline. Before the read model's table exists, the
 * store is folded instead.
 */
export class ReadModelOpenDeadlines implements OpenDeadlineSource {
  private readonly fallback: StoreOpenDeadlines;

  constructor(
    private readonly store: EventStore,
    private readonly db: CasetrailDatabase,
    private readonly pageSize = 1000,
  ) {
    this.fallback = new StoreOpenDeadlines(store, pageSize);
  }

  async listOpenDeadlines(): Promise<OpenDeadline[]> {
    if (!(await tableExists(this.db, 'case_deadlines'))) return this.fallback.listOpenDeadlines();
    // Checkpoint first, rows second: rows at least as new as the checkpoint, and replaying
    // events they already include changes nothing (the last event per deadline wins).
    const checkpoint = await readCheckpoint(this.db, OPEN_DEADLINES_PROJECTION);
    const open = new Map<string, OpenDeadline>();
    let after: { dueAt: string; deadlineId: string } | undefined;
    for (;;) {
      const page = await listOpenDeadlines(this.db, { limit: this.pageSize, ...(after ? { after } : {}) });
      page.forEach((d) => open.set(d.deadlineId, { caseId: d.caseId, deadlineId: d.deadlineId, rule: d.rule, dueAt: d.dueAt, revision: d.scheduledAtRevision }));
      if (page.length < this.pageSize) break;
      after = { dueAt: page.at(-1)!.dueAt, deadlineId: page.at(-1)!.deadlineId };
    }
    await foldFrom(this.store, open, checkpoint, this.pageSize);
    return [...open.values()];
  }
}
