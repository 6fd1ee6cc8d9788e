import { isNativeError } from 'node:util/types';
import { DatabaseError } from 'pg';
import { EventStoreError, EventStoreUnavailableError } from '../errors';

/**
 * SQLSTATE classes and codes that mean "the server cannot serve us now", which a caller may retry:
 * connection exceptions (08), invalid authorisation (28), insufficient resources (53), operator
 * intervention such as a shutdown or a cancelled statement (57), system errors (58), a missing
 * database (3D000) and a lock or statement timeout (55P03).
 */
const UNAVAILABLE_SQLSTATES = ['08', '28', '53', '57', '58', '3D000', '55P03'];

/**
 * A unique violation that append_event_group caught in one append's own block: that append alone
 * rolled back, and it means what a lone append's unique violation means.
 */
export class UniqueViolationInGroupError extends Error {
  constructor(streamId: string) {
    super(`append to ${streamId} met a unique violation inside its group`);
    this.name = 'UniqueViolationInGroupError';
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return (error instanceof DatabaseError && error.code === '23505') || error instanceof UniqueViolationInGroupError;
}

/**
 * True for failures to reach or keep the server. pg reports those as plain Errors without a
 * SQLSTATE ("Connection terminated", "timeout exceeded when trying to connect") or as Node socket
 * errors (ECONNREFUSED...), named 'Error', or 'AggregateError' when a host name resolves to several
addresses and none answers. Anything with its own name (a TypeError, a
 * configuration error) keeps it: hiding a mistake as "unavailable" would send callers into retries.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof EventStoreError) return false;
  if (error instanceof DatabaseError) return UNAVAILABLE_SQLSTATES.some((prefix) => error.code?.startsWith(prefix));
  // isNativeError, not instanceof: socket errors come from Node's realm, which differs from the
  // caller's under a test runner's VM context.
  return isNativeError(error) && (error.name === 'Error' || error.name === 'AggregateError');
}

/** Runs `work`, turning an unreachable or failing server into EventStoreUnavailableError. */
export async function translatingUnavailable<T>(action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    throw new EventStoreUnavailableError(`PostgreSQL event store could not ${action}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
