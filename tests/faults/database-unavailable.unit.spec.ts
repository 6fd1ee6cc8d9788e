import { isDatabaseUnavailable } from '@casetrail/persistence';
import { toProblem } from '../../apps/api/src/problems/problem-mapping';

/** Errors from the tables beside the events (idempotency keys, subject keys, read models). */
const sqliteError = (code: string) => Object.assign(new Error('database or disk is full'), { name: 'SqliteError', code });
const pgError = (code: string) => Object.assign(new Error('terminating connection due to administrator command'), { name: 'error', code });

describe('a database that cannot serve is 503 with Retry-After, not 500 (isDatabaseUnavailable)', () => {
  it.each([
    ['SQLite full', sqliteError('SQLITE_FULL')],
    ['SQLite read-only', sqliteError('SQLITE_READONLY')],
    ['SQLite locked', sqliteError('SQLITE_BUSY')],
    ['SQLite I/O error', sqliteError('SQLITE_IOERR_WRITE')],
    ['PostgreSQL shutting down (57P01)', pgError('57P01')],
    ['PostgreSQL starting up (57P03)', pgError('57P03')],
    ['PostgreSQL connection failure (08006)', pgError('08006')],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['connection terminated', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
  ])('%s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const problem = toProblem(error);
    expect(problem).toMatchObject({ status: 503, headers: { 'Retry-After': expect.any(String) }, body: { code: 'DATABASE_UNAVAILABLE' } });
    expect(JSON.stringify(problem.body)).not.toMatch(/5432|ECONNREFUSED|disk is full/);
  });

  it.each([
    ['a constraint violation', sqliteError('SQLITE_CONSTRAINT_UNIQUE')],
    ['a syntax error', pgError('42601')],
    ['a unique violation', pgError('23505')],
    ['a programming error', new TypeError('Cannot read properties of undefined')],
    ['any other Error', new Error('something else')],
  ])('but %s stays a 500: hiding a bug as an outage would send callers into retries', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toProblem(error).status).toBe(500);
  });
});
