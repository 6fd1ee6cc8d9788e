import { EventStoreUnavailableError } from '@casetrail/event-store';
import { isTransient } from './transient-errors';

describe('which errors a runner retries instead of stopping the projection', () => {
  it('retries an unreachable or busy database, wherever the error is wrapped', () => {
    expect(isTransient(new EventStoreUnavailableError('down'))).toBe(true);
    expect(isTransient(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('connection failure'), { code: '08006' }))).toBe(true);
    expect(isTransient(new Error('apply failed', { cause: Object.assign(new Error('deadlock'), { code: '40P01' }) }))).toBe(true);
  });

  it('stops on what the event or the projection got wrong', () => {
    expect(isTransient(new TypeError("Cannot read properties of undefined (reading 'level')"))).toBe(false);
    expect(isTransient(Object.assign(new Error('relation "case_summaries" does not exist'), { code: '42P01' }))).toBe(false);
    expect(isTransient(Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }))).toBe(false);
    expect(isTransient('a string')).toBe(false);
  });
});
