import {
  BACKWARDS,
  END,
  ErrorType,
  excludeSystemEvents,
  FORWARDS,
  KurrentDBClient,
  START,
} from '@kurrent/kurrentdb-client';
import type { AllStreamResolvedEvent, ReadPosition, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { NewEvent, RecordedEvent } from '../envelope';
import { AppendResult, EventStore, ReadAllOptions, ReadStreamOptions, SubscribeToAllOptions, Subscription } from '../event-store.port';
import { CurrentRevision, ExpectedRevision } from '../expected-revision';
import { resolveRetriedBatch } from '../stored-batch';
import { assertExpectedRevision, assertReadAllOptions, assertReadStreamOptions, assertStreamId, serialiseBatch } from '../validation';
import { toEventData, toRecordedEvent } from './kurrentdb-envelope';
import { translateError } from './kurrentdb-errors';
import { isAfter, readPositionAfter, toRevision, toStreamState } from './kurrentdb-positions';
import { retentionMetadata, StreamRetention } from './kurrentdb-retention';
import { ResubscribeTiming, resubscribingSubscription } from './kurrentdb-subscription';
import { trackedSubscription } from '../tracked-subscription';

export interface KurrentDbEventStoreOptions {
  /** A KurrentDB connection string, e.g. kurrentdb://host:2113?tls=false (CASETRAIL_ESDB_URL). */
  connectionString: string;
  /** Milliseconds a health probe waits for the server. */
  pingDeadlineMs?: number;
  resubscribe?: ResubscribeTiming;
}

/**
 * The event store on KurrentDB (or EventStoreDB 22.6+), through the official gRPC client.
 * Streams, revisions and optimistic concurrency are KurrentDB's own; the global position is the
 * event's log position (kurrentdb-positions.ts); system events ($-prefixed types) are invisible.
 * docs/adr/0011-kurrentdb-adapter.md records the choices and what differs from the SQL adapters.
 */
export class KurrentDbEventStore implements EventStore {
  readonly adapter = 'eventstoredb' as const;
  readonly client: KurrentDBClient;
  private readonly subscriptions = new Set<Subscription>();
  /** The servers named in the connection string, without credentials: for error messages. */
  private readonly where: string;

  constructor(private readonly options: KurrentDbEventStoreOptions) {
    this.client = KurrentDBClient.connectionString(options.connectionString);
    this.where = serversOf(options.connectionString);
  }

  /** Nothing to migrate: checks the server answers, so a wrong URL stops start-up. */
  async init(): Promise<void> {
    await this.ping();
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    assertStreamId(streamId);
    assertExpectedRevision(expectedRevision);
    const batch = serialiseBatch(events, new Date().toISOString());
    const data = batch.map((item, index) => toEventData(item, index));
    const eventIds = batch.map((item) => item.event.eventId);

    const retried = await this.findRetry(streamId, eventIds);
    if (retried) return retried;
    let lastRevision: number;
    try {
      const result = await this.client.appendToStream(streamId, data, { streamState: toStreamState(expectedRevision) });
      lastRevision = toRevision(result.nextExpectedRevision);
    } catch (error) {
      const translated = translateError(error, this.at('append'), { streamId, expected: expectedRevision });
      // A retry racing its own first attempt: the first attempt won, answer as a retry.
      if ((error as { type?: unknown }).type === ErrorType.WRONG_EXPECTED_VERSION) {
        const raced = await this.findRetry(streamId, eventIds);
        if (raced) return raced;
      }
      throw translated;
    }
    // The append answer carries one position; each event's own comes from reading the batch back.
    const written = await this.readStream(streamId, { fromRevision: lastRevision - eventIds.length + 1, maxCount: eventIds.length });
    if (written.map((e) => e.eventId).join() !== eventIds.join()) {
      throw new Error(`Stream ${streamId}: the events read back at revisions ${lastRevision - eventIds.length + 1}..${lastRevision} are not the batch just appended`);
    }
    const positions = written.map((e) => e.position);
    return { streamId, nextExpectedRevision: lastRevision, positions, lastPosition: positions[positions.length - 1]!, duplicate: false };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    assertReadStreamOptions(options);
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
    return this.collect(read, this.at('readStream'), (resolved) => toRecordedEvent(resolved));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertReadAllOptions(options);
    if (options.maxCount === 0) return [];
    const after = options.after ?? 0;
    // Reads from a position include the event there: ask for one more and drop it.
    const read = this.client.readAll({
      direction: FORWARDS,
      fromPosition: readPositionAfter(after),
      filter: excludeSystemEvents(),
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount + 1 } : {}),
    });
    const events = (await this.collect(read, this.at('readAll'), (resolved) => toRecordedEvent(resolved))).filter((e) =>
      isAfter(e.position, after),
    );
    return options.maxCount !== undefined ? events.slice(0, options.maxCount) : events;
  }

  async streamRevision(streamId: string): Promise<CurrentRevision> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last ? last.revision : 'no_stream';
  }

  /** The position of the newest non-system event in $all; 0 when there is none. */
  async headPosition(): Promise<number> {
    const [last] = await this.readLatest('headPosition');
    return last ? last.position : 0;
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const open = (from: ReadPosition) => {
      const subscription = this.client.subscribeToAll({ fromPosition: from, filter: excludeSystemEvents() });
      return { events: subscription as AsyncIterable<AllStreamResolvedEvent>, close: () => subscription.unsubscribe() };
    };
    const subscription = resubscribingSubscription(open, (resolved) => toRecordedEvent(resolved), options, this.options.resubscribe);
    return trackedSubscription(this.subscriptions, subscription);
  }

  async ping(): Promise<void> {
    await this.readLatest('ping', this.options.pingDeadlineMs ?? 3_000);
  }

  /**
   * Sets a stream's retention where policy asks for it (KurrentDB stream metadata: $maxAge,
   * $tb). Not part of the port: only this adapter can drop events without rewriting history.
   */
  async setRetention(streamId: string, retention: StreamRetention): Promise<void> {
    assertStreamId(streamId);
    const metadata = retentionMetadata(retention);
    try {
      await this.client.setStreamMetadata(streamId, metadata);
    } catch (error) {
      throw translateError(error, this.at('setRetention'));
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
    await this.client.dispose();
  }

  private readLatest(operation: string, deadline?: number): Promise<RecordedEvent[]> {
    const read = this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
      filter: excludeSystemEvents(),
      ...(deadline !== undefined ? { deadline } : {}),
    });
    return this.collect(read, this.at(operation), (resolved) => toRecordedEvent(resolved));
  }

  private at(operation: string): string {
    return `${operation} (${this.where})`;
  }

  /** The batch, if every id in it is stored already as this batch on this stream (a retry). */
  private async findRetry(streamId: string, eventIds: string[]): Promise<AppendResult | undefined> {
    const wanted = new Set(eventIds);
    const found = (await this.readStream(streamId)).filter((e) => wanted.has(e.eventId));
    return resolveRetriedBatch(streamId, eventIds, found);
  }

  private async collect<T extends ResolvedEvent | AllStreamResolvedEvent>(
    read: AsyncIterable<T>,
    operation: string,
    convert: (resolved: T) => RecordedEvent,
  ): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read) events.push(convert(resolved));
    } catch (error) {
      const type = (error as { type?: unknown }).type;
      if (type === ErrorType.STREAM_NOT_FOUND) return [];
      throw translateError(error, operation);
    }
    return events;
  }
}

/** `host:port, ...` of a KurrentDB connection string; never its user or password. */
export function serversOf(connectionString: string): string {
  const match = /^[a-z+]+:\/\/(?:[^@/]*@)?([^/?]*)/i.exec(connectionString);
  return match?.[1] || 'an unparsable connection string';
}
