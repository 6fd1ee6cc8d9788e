import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { RefusedWrites } from '@casetrail/shared';

export { REFUSAL_REMEMBERED_MS } from '@casetrail/shared';

/**
 * Less room than this on the database's filesystem counts as full. A commit appends at least a
 * WAL frame per page it changed (4 KiB each and a header), and a checkpoint may grow the file.
 */
export const MIN_FREE_BYTES = 64 * 1024;

/**
 * Whether the SQLite file can take writes, for readiness: its filesystem read-only or full now,
 * or the last write refused for want of storage a moment ago (what the filesystem cannot show,
 * an I/O error for one). The probe is two system calls; it writes nothing.
 */
export class WriteReadiness {
  private readonly refusals = new RefusedWrites();

  constructor(
    private readonly path: string,
    now?: () => number,
  ) {
    if (now) this.refusals.now = now;
  }

  /** A write failed for want of storage (full, read-only, I/O error): its SQLite code. */
  writeRefused(code: string): void {
    this.refusals.refused(code);
  }

  writeSucceeded(): void {
    this.refusals.accepted();
  }

  /** Why writing is refused now, in words fit for a public health answer (no path), or undefined. */
  whyNot(): string | undefined {
    if (this.path !== ':memory:') {
      try {
        accessSync(this.path, constants.W_OK);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'the database file is read-only';
      }
      const { bavail, bsize } = statfsSync(dirname(this.path));
      if (bavail * bsize < MIN_FREE_BYTES) return 'the disk is full';
    }
    return this.refusals.recent();
  }
}
