import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFUSAL_REMEMBERED_MS, WriteReadiness } from './write-readiness';

describe('WriteReadiness (SQLite readiness to write)', () => {
  it('is ready on a writable disk with room, and says nothing of the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'write-readiness-'));
    try {
      expect(new WriteReadiness(join(dir, 'casetrail.db')).whyNot()).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not ready for a while after a write was refused, or until one succeeds', () => {
    let clock = 0;
    const readiness = new WriteReadiness(':memory:', () => clock);
    readiness.writeRefused('SQLITE_FULL');
    expect(readiness.whyNot()).toBe('the last write was refused (SQLITE_FULL)');
    clock += REFUSAL_REMEMBERED_MS;
    expect(readiness.whyNot()).toBeUndefined();
    readiness.writeRefused('SQLITE_IOERR_WRITE');
    readiness.writeSucceeded();
    expect(readiness.whyNot()).toBeUndefined();
  });
});
