import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveMasterKey } from '@casetrail/privacy';
import { loadConfig } from '@casetrail/shared';
import { describeUnless } from '../support/services';
import { cannotMountExt4, Ext4Disk, mountExt4 } from '../support/small-disk';

/**
 * The key file the embedded default creates on first start is on the disk when resolveMasterKey
 * returns, not only in the page cache: the events it protects are fsync'd by SQLite, so a key lost
 * to a crash or a failing disk would leave them with personal data nothing decrypts.
 */
describeUnless(cannotMountExt4, 'the master key file survives the disk failing right after it is created', () => {
  let disk: Ext4Disk | undefined;
  afterAll(() => disk?.remove());

  it('is still there, the same key, after the disk turned read-only and was repaired', () => {
    disk = mountExt4('casetrail-master-key-', 8);
    const config = loadConfig({ CASETRAIL_SQLITE_PATH: join(disk.dir, 'casetrail.db') });
    const created = resolveMasterKey(config);
    expect(created.origin).toBe('file-created');

    // What is not yet written back is lost here: the kernel drops it with the read-only switch.
    disk.failReadOnly();
    disk.remountAfterRepair();

    const read = resolveMasterKey(config);
    expect(read.origin).toBe('file');
    expect(read.key.equals(created.key)).toBe(true);
    // Written beside it and linked into place: no temporary file is left behind.
    expect(readdirSync(disk.dir).filter((name) => name.includes('master-key'))).toEqual(['casetrail.db.master-key']);
  });
});
