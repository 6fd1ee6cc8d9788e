import { CurrentRevision, ExpectedRevision, describeRevision } from './expected-revision';

/** Base of every error the store raises on purpose. `code` is stable and safe to show a caller. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not at the revision the writer expected. Nothing was written. */
export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: CurrentRevision,
  ) {
    super(
      `Stream ${streamId} expected ${describeRevision(expected)} but is at ${describeRevision(actual)}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

export type InvalidInputCode =
  | 'INVALID_STREAM_ID'
  | 'INVALID_EXPECTED_REVISION'
  | 'INVALID_EVENT'
  | 'EVENT_DATA_NOT_JSON'
  | 'EMPTY_APPEND'
  | 'INVALID_READ_OPTIONS';

/** A call the store refuses before touching storage. `field` names what was wrong. */
export class InvalidEventStoreInputError extends EventStoreError {
  constructor(
    readonly code: InvalidInputCode,
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'InvalidEventStoreInputError';
  }
}

/**
 * Some of the batch's event ids are stored already, but not as this same batch on this stream:
 * a retry must resend exactly what it sent the first time.
 */
export class EventIdConflictError extends EventStoreError {
  readonly code = 'EVENT_ID_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly eventIds: string[],
  ) {
    super(
      `Stream ${streamId}: event ids ${eventIds.join(', ')} are already stored, but not as this same batch on this stream`,
    );
    this.name = 'EventIdConflictError';
  }
}

/** The backing store is unreachable or failed; the caller may retry later. */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'EVENT_STORE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

/** The store answers reads but cannot take writes now (a full or read-only disk). Its message names why, and no path. */
export class EventStoreCannotWriteError extends EventStoreUnavailableError {
  constructor(readonly reason: string) {
    super(`event store cannot write: ${reason}`);
    this.name = 'EventStoreCannotWriteError';
  }
}
