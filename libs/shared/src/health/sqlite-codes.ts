/** Another connection holds the file's lock: contention, which passes. */
const SQLITE_LOCK = /^SQLITE_(BUSY|LOCKED)/;
/** The file refuses writes for want of storage: full, read-only, failing underneath. Not a lock. */
const SQLITE_STORAGE_REFUSED = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN)/;

/** A SQLite result code (extended codes included) that means storage is refusing writes. */
export function isSqliteStorageRefusalCode(code: string): boolean {
  return SQLITE_STORAGE_REFUSED.test(code);
}

/** A SQLite result code that means the database cannot serve now (locked, full, read-only, failing), not that the statement is wrong. */
export function isSqliteUnavailableCode(code: string): boolean {
  return SQLITE_LOCK.test(code) || SQLITE_STORAGE_REFUSED.test(code);
}
