import { Pool, PoolConfig } from 'pg';
import { NewEvent, RecordedEvent } from '../envelope';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { CurrentRevision, ExpectedRevision, revisionMatches } from '../expected-revision';
import {
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { AppendSignal, pollingSubscription } from '../polling-subscription';
import { resolveRetriedBatch } from '../stored-batch';
import {
  assertExpectedRevision,
  assertReadAllOptions,
  assertReadStreamOptions,
  assertStreamId,
  SerialisedEvent,
  serialiseBatch,
} from '../validation';
import { PostgresAppendListener } from './postgres-append-listener';
import { isUnavailable, isUniqueViolation, translatingUnavailable } from './postgres-errors';
import { AppendRequest, callAppendEvents } from './postgres-append-function';
import { callAppendEventGroup } from './postgres-append-group-function';
import {
  readAllRows,
  readStreamRows,
  selectHeadPosition,
  selectStoredRefs,
  selectStreamRevision,
} from './postgres-event-queries';
import { migratePostgres } from './postgres-migrations';
import { inTransaction } from './postgres-transaction';
import { trackedSubscription } from '../tracked-subscription';
import { GroupBounds, GroupCommitQueue } from './group-commit-queue';
import { prepareEventStoreSession } from './postgres-session';

/** An append that has written its rows and holds the append lock, but has not committed. */
export interface UncommittedAppend {
  streamId: string;
  positions: number[];
}

export interface PostgresEventStoreOptions {
  /** The store works in the first existing schema of the connection's search_path. */
  connectionString: string;
  now?: () => Date;
  /** How often subscribers look again when no NOTIFY arrives (a lost notification, a reconnect). */
  pollIntervalMs?: number;
  poolSize?: number;
  /** How long to wait for a connection (including a free pool slot) before giving up as unavailable. */
  connectionTimeoutMs?: number;
  /**
   * Test seam, leave unset in production: awaited inside every append after its rows are written
   * and before COMMIT, with the append lock held (appends then run in an explicit transaction).
   * Lets a test hold an append open and show that nothing overtakes it (ADR 0003); a rejection
   * rolls the append back.
   */
  beforeCommit?: (append: UncommittedAppend) => Promise<void>;
}

/**
 * Server-side limits, so a stuck client cannot hold the append lock, and a caller cannot wait
 * on it, without end. Both surface as EventStoreUnavailableError.
 */
const LOCK_TIMEOUT_MS = 15_000;
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
/** Extra attempts after a unique violation that the expected revision still allows (`any`...). */
const MAX_CONFLICT_RETRIES = 3;
/** Pause between attempts to get the LISTEN connection back; subscribers poll meanwhile. */
const LISTENER_RECONNECT_DELAY_MS = 1_000;
/**
 * Bounds of one group commit (ADR 0003). 64 appends: each runs in its own subtransaction, and a
 * backend keeps at most 64 subtransaction ids in shared memory; one more and every other
 * session's snapshot must look transactions up in pg_subtrans until the group commits. 2,000
 * events: the server spends some 50 to 80 µs on each under the lock (measured on the loaded 2-core
 * dev box), so a group holds the lock for at most about 0.15 s, and its one WAL flush is already a
 * few percent of that; larger groups would only make other writers wait longer. A single append
 * larger than that still goes, alone.
 */
const APPEND_GROUP_BOUNDS: GroupBounds = { maxItems: 64, maxWeight: 2_000 };

/**
 * The server adapter. Appends in one schema take a transaction-scoped advisory lock, so global
 * positions are assigned and committed in the same order and a reader of all streams never has
 * to look for gaps (ADR 0003). Since each append waits its turn anyway, appends that arrive while
 * one is with the server are sent together when it returns, in one transaction (group commit).
 */
export class PostgresEventStore implements EventStore {
  readonly adapter = 'postgres' as const;
  private readonly pool: Pool;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  private readonly beforeCommit: PostgresEventStoreOptions['beforeCommit'];
  private readonly signal = new AppendSignal();
  private readonly listener: PostgresAppendListener;
  private readonly subscriptions = new Set<Subscription>();
  private readonly appends = new GroupCommitQueue<AppendRequest, AppendResult>(
    (group) => this.sendAppendGroup(group),
    APPEND_GROUP_BOUNDS,
    (append) => append.batch.length,
  );
  private closing: Promise<void> | undefined;

  constructor(options: PostgresEventStoreOptions) {
    const connection: PoolConfig = {
      connectionString: options.connectionString,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
      lock_timeout: LOCK_TIMEOUT_MS,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
      fallback_application_name: 'casetrail-event-store',
      // Lets the OS notice a server that vanished mid-query instead of waiting on it forever.
      keepAlive: true,
    };
    // onConnect runs on each new connection before it serves anything; if it fails, the
    // connection is dropped and the failure goes to the statement that wanted it.
    this.pool = new Pool({ ...connection, max: options.poolSize ?? 10, onConnect: prepareEventStoreSession });
    // An idle connection that drops emits here; without a listener the process would crash.
    // The next query meets the failure and reports it as unavailable.
    this.pool.on('error', () => undefined);
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.beforeCommit = options.beforeCommit;
    this.listener = new PostgresAppendListener(connection, this.signal, LISTENER_RECONNECT_DELAY_MS);
  }

  async init(): Promise<void> {
    await translatingUnavailable('migrate its schema', () => migratePostgres(this.pool));
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    assertStreamId(streamId);
    assertExpectedRevision(expectedRevision);
    const recordedAt = this.now().toISOString();
    const batch = serialiseBatch(events, recordedAt);
    const result = await translatingUnavailable('append events', () =>
      this.appendResolvingConflicts(streamId, batch, expectedRevision, recordedAt),
    );
    if (!result.duplicate) this.signal.notify();
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    assertReadStreamOptions(options);
    return translatingUnavailable('read a stream', () => readStreamRows(this.pool, streamId, options));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertReadAllOptions(options);
    return translatingUnavailable('read all streams', () => readAllRows(this.pool, options));
  }

  async streamRevision(streamId: string): Promise<CurrentRevision> {
    assertStreamId(streamId);
    return translatingUnavailable('read a stream revision', () => selectStreamRevision(this.pool, streamId));
  }

  async headPosition(): Promise<number> {
    return translatingUnavailable('read the head position', () => selectHeadPosition(this.pool));
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    if (options.after !== undefined) assertReadAllOptions({ after: options.after });
    this.listener.start();
    const subscription = pollingSubscription(
      {
        readAll: (after, maxCount) => this.readAll({ after, maxCount }),
        signal: this.signal,
        pollIntervalMs: this.pollIntervalMs,
      },
      options,
    );
    return trackedSubscription(this.subscriptions, subscription);
  }

  async ping(): Promise<void> {
    await translatingUnavailable('answer a ping', () => this.pool.query('SELECT 1'));
  }

  async close(): Promise<void> {
    this.closing ??= (async () => {
      // Appends already queued are still sent; later ones are refused as a closed pool would be.
      await this.appends.close(
        () => new EventStoreUnavailableError('PostgreSQL event store could not append events: the store is closed'),
      );
      await Promise.all([...this.subscriptions].map((s) => s.stop()));
      await this.listener.close();
      await this.pool.end();
    })();
    await this.closing;
  }

  /**
   * Under the append lock the revision check is authoritative, so a unique violation only comes
   * from a writer that skipped the lock (a manual repair, another tool). It then means either a
   * concurrent copy of this batch (a retry) or a lost race for the stream's next revision.
   */
  private async appendResolvingConflicts(
    streamId: string,
    batch: SerialisedEvent[],
    expected: ExpectedRevision,
    recordedAt: string,
    retries = MAX_CONFLICT_RETRIES,
  ): Promise<AppendResult> {
    try {
      return await this.appendOnce(streamId, batch, expected, recordedAt);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const ids = batch.map((e) => e.event.eventId);
      const retried = resolveRetriedBatch(streamId, ids, await selectStoredRefs(this.pool, ids));
      if (retried) return retried;
      const actual = await selectStreamRevision(this.pool, streamId);
      if (retries > 0 && revisionMatches(expected, actual)) {
        return this.appendResolvingConflicts(streamId, batch, expected, recordedAt, retries - 1);
      }
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
  }

  /**
   * Through the group commit queue, unless a test holds appends open before COMMIT: that seam
   * keeps one explicit transaction per append.
   */
  private async appendOnce(
    streamId: string,
    batch: SerialisedEvent[],
    expected: ExpectedRevision,
    recordedAt: string,
  ): Promise<AppendResult> {
    const request: AppendRequest = { streamId, batch, expected, recordedAt };
    const hold = this.beforeCommit;
    if (!hold) return this.appends.submit(request);
    return inTransaction(this.pool, async (client) => {
      const result = await callAppendEvents(client, request);
      if (!result.duplicate) await hold({ streamId, positions: result.positions });
      return result;
    });
  }

  /**
   * One statement in its own implicit transaction: a lone append calls append_events as it always
   * has, a group calls append_event_group. A group refused as a whole for a reason that is not an
   * outage (a value one append carries that the server rejects while binding, such as a schema
   * version beyond its integer range) rolled back entirely; its appends then go one by one, so
   * only the one at fault sees the error, as it would have without grouping.
   */
  private async sendAppendGroup(group: AppendRequest[]): Promise<PromiseSettledResult<AppendResult>[]> {
    if (group.length === 1) return [await settled(callAppendEvents(this.pool, group[0]!))];
    try {
      return await callAppendEventGroup(this.pool, group);
    } catch (error) {
      if (isUnavailable(error)) throw error;
      const outcomes: PromiseSettledResult<AppendResult>[] = [];
      for (const append of group) outcomes.push(await settled(callAppendEvents(this.pool, append)));
      return outcomes;
    }
  }
}

function settled<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}
