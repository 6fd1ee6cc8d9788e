import { WRITE_REFUSAL_REMEMBERED_MS, WriteRefusals } from './write-refusals';

const sqliteError = (code: string) => Object.assign(new Error('refused'), { name: 'SqliteError', code });

describe('WriteRefusals (readiness learns a refused write)', () => {
  let clock = 0;
  const refusals = () => Object.assign(new WriteRefusals(), { now: () => clock });

  it('remembers SQLite refusing a write for want of storage, also as the cause of another error, for a while', () => {
    const seen = refusals();
    seen.seen(new Error('store unavailable', { cause: sqliteError('SQLITE_READONLY') }));
    expect(seen.recent()).toBe('the last write was refused (SQLITE_READONLY)');
    clock += WRITE_REFUSAL_REMEMBERED_MS - 1;
    seen.seen(sqliteError('SQLITE_FULL'));
    clock += WRITE_REFUSAL_REMEMBERED_MS - 1;
    expect(seen.recent()).toBe('the last write was refused (SQLITE_FULL)');
    clock += 1;
    expect(seen.recent()).toBeUndefined();
  });

  it('forgets the refusal once a write is accepted', () => {
    const seen = refusals();
    seen.seen(sqliteError('SQLITE_IOERR_WRITE'));
    expect(seen.recent()).toBe('the last write was refused (SQLITE_IOERR_WRITE)');
    seen.accepted();
    expect(seen.recent()).toBeUndefined();
  });

  it('ignores locks, other databases and other errors', () => {
    const seen = refusals();
    for (const error of [sqliteError('SQLITE_BUSY'), sqliteError('SQLITE_LOCKED'), Object.assign(new Error('x'), { code: '57P01' }), new Error('ECONNREFUSED'), undefined]) seen.seen(error);
    expect(seen.recent()).toBeUndefined();
  });
});
