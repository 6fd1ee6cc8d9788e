import { ErrorType, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { ExpectedRevision } from '../expected-revision';
import { toCurrentRevision } from './kurrentdb-positions';

/** The client's error types that mean "the server could not be reached or could not answer now". */
const UNAVAILABLE_TYPES: ReadonlySet<string> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);

/** gRPC status codes a raw ServiceError may carry for the same conditions (UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED). */
const UNAVAILABLE_GRPC_CODES: ReadonlySet<number> = new Set([14, 4, 10]);

/** True when the failure is the server's absence, not something the request did: retrying later may work. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { type, code } = error as { type?: unknown; code?: unknown };
  if (typeof type === 'string' && UNAVAILABLE_TYPES.has(type)) return true;
  return typeof code === 'number' && UNAVAILABLE_GRPC_CODES.has(code);
}

/**
 * The port's errors for what the client raises: a wrong expected version becomes
 * WrongExpectedRevisionError with the stream's actual revision; an unreachable or leaderless
 * server becomes EventStoreUnavailableError (the message names the operation, never event data).
 * Anything else is returned unchanged: it is a bug or a misconfiguration, not a condition to map.
 */
export function translateError(error: unknown, operation: string, append?: { streamId: string; expected: ExpectedRevision }): unknown {
  if (append && isWrongExpectedVersion(error)) {
    return new WrongExpectedRevisionError(append.streamId, append.expected, toCurrentRevision(error.actualState));
  }
  if (error instanceof EventStoreUnavailableError) return error;
  if (isUnavailable(error)) {
    return new EventStoreUnavailableError(`KurrentDB unavailable during ${operation}: ${describe(error)}`, { cause: error });
  }
  return error;
}

function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return error instanceof WrongExpectedVersionError || (error as { type?: unknown } | null)?.type === ErrorType.WRONG_EXPECTED_VERSION;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The first line only: gRPC messages append resolution notes and addresses after it.
  return message.split('\n')[0]!.slice(0, 200);
}
