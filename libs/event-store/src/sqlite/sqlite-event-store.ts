import Database from 'better-sqlite3';
import { isSqliteStorageRefusalCode, isSqliteUnavailableCode } from '@casetrail/shared';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { RecordedEvent, NewEvent } from '../envelope';
import { WrongExpectedRevisionError, EventStoreUnavailableError, EventStoreCannotWriteError } from '../errors';
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
import { resolveRetriedBatch, StoredEventRef } from '../stored-batch';
import {
  assertExpectedRevision,
  assertReadAllOptions,
  assertReadStreamOptions,
  assertStreamId,
  serialiseBatch,
  SerialisedEvent,
} from '../validation';
import { migrateSqlite } from './sqlite-migrations';
import { AppendOutcome, GroupCommit, GroupLimits } from './group-commit';
import { EVENT_COLUMNS, StoredEventValues, StoredRefRow, toRecordedEventFromValues, toStoredRef } from '../stored-row';
import { trackedSubscription } from '../tracked-subscription';
import { WriteReadiness } from './write-readiness';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' for throwaway tests. */
  path: string;
  now?: () => Date;
  /** How often subscribers look for writes made by other processes. */
  pollIntervalMs?: number;
  /** How long an append waits, in short asynchronous retries, for another connection's write lock. */
  lockWaitMs?: number;
}

/**
 * SQLite's own busy wait blocks the thread, and with it this process's other connections: a
 * read-model transaction in the same process could never finish while an append waited on it.
 * So the driver waits only briefly, and the append retries on the event loop until lockWaitMs.
 */
const DRIVER_BUSY_TIMEOUT_MS = 10;

/**
 * Group commit bounds (ADR 0002). A group's transaction runs on the event loop and holds the write
 * lock until its COMMIT, so the bounds cap that wait for other requests and other processes. 256
 * appends share one fsync so widely that it is about 1% of each append's own work (validation and
 * inserts, some 100 µs or more); a bigger group would only make its first callers wait longer.
 * 5,000 events is some 0.2 to 0.4 s of inserts (40 to 80 µs each, measured on a loaded 2-core
 * machine), and about a WAL autocheckpoint's worth (1,000 pages) of the benchmark's events.
 */
const GROUP_LIMITS: GroupLimits = { maxAppends: 256, maxEvents: 5_000 };

/** An append waiting for its group: validated and serialised, stamped with its time. */
interface QueuedAppend {
  streamId: string;
  batch: SerialisedEvent[];
  expectedRevision: ExpectedRevision;
  recordedAt: string;
}

const MAX_READ = Number.MAX_SAFE_INTEGER;

/**
 * The embedded default (ADR 0002). One file in WAL mode; writes are serialised by SQLite's
 * single writer lock, so position order is commit order and readers need no gap handling.
 */
export class SqliteEventStore implements EventStore {
  readonly adapter = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly appendInTransaction: Database.Transaction<
    (streamId: string, batch: SerialisedEvent[], expected: ExpectedRevision, recordedAt: string) => AppendResult
  >;
  private readonly appendGroupInTransaction: Database.Transaction<(group: QueuedAppend[]) => AppendOutcome<AppendResult>[]>;
  private readonly appendGroups = new GroupCommit<QueuedAppend, AppendResult>(
    (group) => this.commitGroup(group),
    GROUP_LIMITS,
  );
  private readonly now: () => Date;
  private readonly signal = new AppendSignal();
  private readonly pollIntervalMs: number;
  private readonly subscriptions = new Set<Subscription>();
  private readonly lockWaitMs: number;
  private readonly writeReadiness: WriteReadiness;

  constructor(options: SqliteEventStoreOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.writeReadiness = new WriteReadiness(options.path);
    // Built once: better-sqlite3's transaction wrapper is not free to create per append.
    this.appendInTransaction = this.db.transaction(
      (streamId: string, batch: SerialisedEvent[], expected: ExpectedRevision, recordedAt: string) =>
        this.appendRows(streamId, batch, expected, recordedAt),
    );
    // A lone append needs no savepoint: its error rolls back the whole transaction, which holds
    // nothing else (commitGroup turns that error into its outcome).
    this.appendGroupInTransaction = this.db.transaction((group: QueuedAppend[]) => {
      if (group.length > 1) return group.map((queued) => this.appendInGroup(queued));
      const { streamId, batch, expectedRevision, recordedAt } = group[0]!;
      return [{ ok: true, value: this.appendRows(streamId, batch, expectedRevision, recordedAt) }];
    });
    this.db.pragma('journal_mode = WAL');
    // FULL: an acknowledged command survives power loss; this store is evidence.
    this.db.pragma('synchronous = FULL');
    this.db.pragma(`busy_timeout = ${DRIVER_BUSY_TIMEOUT_MS}`);
    this.lockWaitMs = options.lockWaitMs ?? 5000;
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
  }

  async init(): Promise<void> {
    migrateSqlite(this.db);
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    assertStreamId(streamId);
    assertExpectedRevision(expectedRevision);
    const recordedAt = this.now().toISOString();
    const batch = serialiseBatch(events, recordedAt);
    return this.appendGroups.submit({ streamId, batch, expectedRevision, recordedAt }, batch.length);
  }

  /**
   * One BEGIN IMMEDIATE ... COMMIT, so one fsync, for the whole group; a busy lock retries the
   * whole group. Nothing is acknowledged before the COMMIT; an error of the COMMIT fails them all.
   */
  private async commitGroup(group: QueuedAppend[]): Promise<AppendOutcome<AppendResult>[]> {
    let outcomes: AppendOutcome<AppendResult>[];
    try {
      outcomes = await this.writing(() => this.appendGroupInTransaction.immediate(group));
    } catch (error) {
      // A lone append's ids met stored ones; its transaction is rolled back, so the lookup sees
      // only committed rows.
      if (group.length === 1 && isUniqueViolation(error)) return [this.retryOutcome(group[0]!, error)];
      throw error;
    }
    if (outcomes.some((outcome) => outcome.ok && !outcome.value.duplicate)) this.signal.notify();
    return outcomes;
  }

  /**
   * Each append in its own savepoint (a nested better-sqlite3 transaction), so its wrong revision or
   * id conflict undoes only its rows. An error that leaves the store unable to write (a full disk)
   * or ends the transaction fails the whole group: SQLite advises rolling back after those.
   */
  private appendInGroup(queued: QueuedAppend): AppendOutcome<AppendResult> {
    try {
      return { ok: true, value: this.appendInTransaction(queued.streamId, queued.batch, queued.expectedRevision, queued.recordedAt) };
    } catch (error) {
      if (!this.db.inTransaction || storeCannotWrite(error)) throw error;
      // Its savepoint is rolled back: the lookup sees what was stored before, this group's earlier appends included.
      if (isUniqueViolation(error)) return this.retryOutcome(queued, error);
      return { ok: false, error };
    }
  }

  /**
   * The ids are not looked up before inserting: UNIQUE (event_id) refuses a stored one anyway, and
   * the lookup was a query per append for what is a rare retry. A retry is still recognised first
   * whichever way it shows: a stream that moved on (below), or ids that are taken (retryOutcome).
   */
  private appendRows(streamId: string, batch: SerialisedEvent[], expectedRevision: ExpectedRevision, recordedAt: string): AppendResult {
    const current = this.currentRevision(streamId);
    if (!revisionMatches(expectedRevision, current)) {
      const retried = resolveRetriedBatch(streamId, eventIdsOf(batch), this.findStored(eventIdsOf(batch)));
      if (retried) return retried;
      throw new WrongExpectedRevisionError(streamId, expectedRevision, current);
    }
    const insert = this.statement(
      `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const base = current === 'no_stream' ? 0 : current + 1;
    const positions = batch.map(({ event, data, metadata }, i) =>
      Number(
        insert.run(event.eventId, streamId, base + i, event.type, event.schemaVersion, data, metadata, recordedAt).lastInsertRowid,
      ),
    );
    return {
      streamId,
      nextExpectedRevision: base + batch.length - 1,
      positions,
      lastPosition: positions[positions.length - 1]!,
      duplicate: false,
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    assertReadStreamOptions(options);
    const limit = options.maxCount ?? MAX_READ;
    const rows =
      options.direction === 'backwards'
        ? this.statement(
            `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
          )
            .raw(true)
            .all(streamId, options.fromRevision ?? MAX_READ, limit)
        : this.statement(
            `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
          )
            .raw(true)
            .all(streamId, options.fromRevision ?? 0, limit);
    return (rows as StoredEventValues[]).map(toRecordedEventFromValues);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertReadAllOptions(options);
    // Rows as arrays (raw): the driver builds them much faster than objects (see stored-row.ts).
    // These statements are only ever used this way, so switching the cached one to raw is safe.
    const rows = this.statement(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`)
      .raw(true)
      .all(options.after ?? 0, options.maxCount ?? MAX_READ);
    return (rows as StoredEventValues[]).map(toRecordedEventFromValues);
  }

  async streamRevision(streamId: string): Promise<CurrentRevision> {
    assertStreamId(streamId);
    return this.currentRevision(streamId);
  }

  async headPosition(): Promise<number> {
    const row = this.statement('SELECT MAX(position) AS head FROM events').get() as { head: number | null };
    return row.head ?? 0;
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    if (options.after !== undefined) assertReadAllOptions({ after: options.after });
    const subscription = pollingSubscription(
      { readAll: (after, maxCount) => this.readAll({ after, maxCount }), signal: this.signal, pollIntervalMs: this.pollIntervalMs },
      options,
    );
    return trackedSubscription(this.subscriptions, subscription);
  }

  /** Answers, and can write: a full or read-only disk makes the store unready though reads still work. */
  async ping(): Promise<void> {
    try {
      this.db.prepare('SELECT 1').get();
    } catch (error) {
      throw new EventStoreUnavailableError('SQLite event store did not answer', { cause: error });
    }
    const whyNot = this.writeReadiness.whyNot();
    if (whyNot) throw new EventStoreCannotWriteError(whyNot);
  }

  async close(): Promise<void> {
    // Queued appends are written (or refused) first; a busy lock delays this by lockWaitMs at most.
    await this.appendGroups.drain();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.db.open) this.db.close();
  }

  /**
   * A file locked past lockWaitMs, full, or read-only is the store being unavailable, not a bug.
   * While another connection holds the write lock, the append retries without blocking the loop.
   */
  private async writing<T>(write: () => T): Promise<T> {
    const giveUpAt = Date.now() + this.lockWaitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const written = write();
        this.writeReadiness.writeSucceeded();
        return written;
      } catch (error) {
        if (!storeCannotWrite(error)) throw error;
        const code = (error as { code: string }).code;
        if (/^SQLITE_BUSY/.test(code) && Date.now() < giveUpAt) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt, 25)));
          continue;
        }
        // Another connection's lock is contention, not the storage refusing.
        if (isSqliteStorageRefusalCode(code)) this.writeReadiness.writeRefused(code);
        throw new EventStoreUnavailableError(`SQLite event store cannot write (${code})`, { cause: error });
      }
    }
  }

  /**
   * An append whose insert met a stored event id, after its rows were rolled back: the same batch
   * stored before is a retry (its original result), anything else a conflict. Nothing found means
   * the violation was not about ids, and stays the append's error.
   */
  private retryOutcome({ streamId, batch }: QueuedAppend, violation: unknown): AppendOutcome<AppendResult> {
    try {
      const retried = resolveRetriedBatch(streamId, eventIdsOf(batch), this.findStored(eventIdsOf(batch)));
      return retried ? { ok: true, value: retried } : { ok: false, error: violation };
    } catch (error) {
      return { ok: false, error };
    }
  }

  private currentRevision(streamId: string): CurrentRevision {
    const row = this.statement('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?').get(streamId) as {
      revision: number | null;
    };
    return row.revision ?? 'no_stream';
  }

  private findStored(eventIds: string[]): StoredEventRef[] {
    // One prepared statement for any batch size: the ids travel as one JSON array.
    const rows = this.statement(
      'SELECT event_id, stream_id, revision, position FROM events WHERE event_id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(eventIds)) as StoredRefRow[];
    return rows.map(toStoredRef);
  }

  private readonly statements = new Map<string, Database.Statement>();
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function eventIdsOf(batch: SerialisedEvent[]): string[] {
  return batch.map((e) => e.event.eventId);
}

/** UNIQUE (event_id), or in principle UNIQUE (stream_id, revision), refused an insert. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** A file locked, full, read-only or failing: the store is unavailable, not the append wrong. */
function storeCannotWrite(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && isSqliteUnavailableCode(code);
}
