import { NewEvent, RecordedEvent } from './envelope';
import { CurrentRevision, ExpectedRevision } from './expected-revision';

export interface AppendResult {
  streamId: string;
  /** Revision of the last event now in the stream (the next write's expected revision). */
  nextExpectedRevision: number;
  /** Global position of each appended event, in batch order. */
  positions: number[];
  /** Global position of the batch's last event: what a reader waits for to see this write. */
  lastPosition: number;
  /** True when every event id was already stored as this batch: nothing was written. */
  duplicate: boolean;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** First revision to return (inclusive). Default: 0 forwards, the last revision backwards. */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Return events with a position strictly greater than this checkpoint. Default 0: from the start. */
  after?: number;
  maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Last position already processed: delivery starts strictly after it. Default 0. */
  after?: number;
  /**
   * Called once per event, in commit order, one at a time: the next event is not delivered until
   * the returned promise settles. A rejection stops the subscription and reaches `onError`.
   */
  onEvent: (event: RecordedEvent) => Promise<void> | void;
  onError?: (error: unknown) => void;
  /** Events read per batch during catch-up. */
  batchSize?: number;
}

export interface Subscription {
  /** Stops delivery; resolves once no handler is running. */
  stop(): Promise<void>;
  /** Resolves when the subscription has delivered every event up to `position`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
}

/**
 * The one port every adapter implements (SQLite, PostgreSQL, EventStoreDB). The contract suite
 * in ./testing states the behaviour precisely; an adapter is done when it passes it unchanged.
 */
export interface EventStore {
  readonly adapter: 'sqlite' | 'postgres' | 'eventstoredb';

  /** Schema migrations: safe to run on every start. */
  init(): Promise<void>;

  /**
   * Appends the batch atomically if the stream is at `expectedRevision`.
   * A batch whose event ids are all stored already as that stream's events returns the
   * original positions with `duplicate: true` and writes nothing.
   */
  append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Events of all streams in commit order, never skipping one that commits later. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** The stream's last revision, or `no_stream`. */
  streamRevision(streamId: string): Promise<CurrentRevision>;

  /** The highest position a reader of all may safely read now. */
  headPosition(): Promise<number>;

  subscribeToAll(options: SubscribeToAllOptions): Subscription;

  /** Health probe: resolves when the store answers. */
  ping(): Promise<void>;

  close(): Promise<void>;
}
