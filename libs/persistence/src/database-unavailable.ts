import { isSqliteStorageRefusalCode, isSqliteUnavailableCode } from '@casetrail/shared';

/**
 * SQLSTATE classes and codes meaning "the server cannot serve us now" (as the PostgreSQL event
 * store reads them): connection exceptions (08), insufficient resources (53), operator
 * intervention such as a shutdown (57), system errors (58), a lock timeout (55P03).
 */
const PG_UNAVAILABLE = ['08', '53', '57', '58', '55P03'];
const SOCKET_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'];
/** What pg says, without a code, when the connection is gone or cannot be made. */
const PG_CONNECTION_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended)/;

/**
 * True when a query on the tables beside the events failed because the database could not
 * serve it (down, restarting, full, locked), not because of the query: the caller may retry.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed: better-sqlite3's SqliteError is not a native error, and pg's errors may come from
  // another realm under a test runner.
  if (typeof error !== 'object' || error === null) return false;
  const { name, message, code } = error as { name?: unknown; message?: unknown; code?: unknown };
  if (typeof name !== 'string' || typeof message !== 'string') return false;
  if (typeof code === 'string') {
    if (name === 'SqliteError') return isSqliteUnavailableCode(code);
    if (SOCKET_CODES.includes(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code)) return PG_UNAVAILABLE.some((prefix) => code.startsWith(prefix));
  }
  return (name === 'Error' || name === 'AggregateError') && PG_CONNECTION_MESSAGES.test(message);
}

/**
 * The SQLite code when `error`, or an error it was caused by, is SQLite refusing a write for want
 * of storage (a full or read-only disk, an I/O error); undefined for anything else, locks included.
 */
export function sqliteStorageRefusal(error: unknown): string | undefined {
  for (let at = error, depth = 0; typeof at === 'object' && at !== null && depth < 5; at = (at as { cause?: unknown }).cause, depth += 1) {
    const { name, code } = at as { name?: unknown; code?: unknown };
    if (name === 'SqliteError' && typeof code === 'string' && isSqliteStorageRefusalCode(code)) return code;
  }
  return undefined;
}
