import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * A small filesystem of its own for the disk fault tests (tests/faults/sqlite-*-disk): the SQLite
 * file lives on it, and the test fills it or breaks it without touching anything else. Mounting
 * needs root, as CI runs.
 */
export interface SmallDisk {
  dir: string;
  /** Unmounts and removes what was made; safe to call twice, and after a failed test. */
  remove(): void;
}

export interface Ext4Disk extends SmallDisk {
  /**
   * What the kernel does when ext4 meets an error on a disk mounted errors=remount-ro: the
   * filesystem turns read-only at once, under the files already open (writes fail with EROFS).
   * Linux keeps it so until it is unmounted; `mount -o remount,ro` cannot stand in for this, as
   * the kernel refuses it ("mount point is busy") while a process has a file open for writing.
   */
  failReadOnly(): void;
  /** Unmounts (the files must be closed), repairs as an operator would (e2fsck) and mounts again, read-write. */
  remountAfterRepair(): void;
}

const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: 'pipe' }).toString().trim();

/** Why mountTmpfs cannot run here, for describeUnless; undefined when it can. */
export const cannotMountTmpfs: string | undefined = process.getuid?.() === 0 ? undefined : 'mounting a small tmpfs needs root';

/** Why mountExt4 cannot run here, for describeUnless; undefined when it can. */
export const cannotMountExt4: string | undefined =
  process.getuid?.() !== 0
    ? 'mounting a small ext4 disk needs root'
    : !['/usr/sbin/losetup', '/usr/sbin/mkfs.ext4', '/usr/sbin/e2fsck'].every((tool) => existsSync(tool))
      ? 'the ext4 disk needs losetup, mkfs.ext4 and e2fsck (util-linux, e2fsprogs)'
      : undefined;

/** A tmpfs of `sizeMb` megabytes: fills up quickly, and needs nothing but root. */
export function mountTmpfs(prefix: string, sizeMb: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir]);
  } catch (error) {
    rmdirSync(dir);
    throw error;
  }
  let mounted = true;
  return {
    dir,
    remove() {
      if (!mounted) return;
      mounted = false;
      // Lazy: the file is closed, but the kernel may take a moment to let go of the mount.
      run('umount', ['-l', dir]);
      rmdirSync(dir);
    },
  };
}

/**
 * An ext4 filesystem of `sizeMb` megabytes in an image file, on a loop device, mounted
 * errors=remount-ro (as Debian and Ubuntu mount their root disk) so that failReadOnly() behaves as a
 * disk error does. No journal: the image is thrown away, and it keeps the repair to one e2fsck.
 */
export function mountExt4(prefix: string, sizeMb: number): Ext4Disk {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const image = join(work, 'disk.img');
  const dir = join(work, 'mnt');
  let device: string | undefined;
  let mounted = false;
  const mount = () => {
    run('mount', ['-t', 'ext4', '-o', 'errors=remount-ro', device!, dir]);
    mounted = true;
  };
  const unmount = () => {
    if (mounted) run('umount', [dir]);
    mounted = false;
  };
  try {
    mkdirSync(dir);
    writeFileSync(image, '');
    truncateSync(image, sizeMb * 1024 * 1024);
    run('mkfs.ext4', ['-q', '-O', '^has_journal', image]);
    device = run('losetup', ['--find', '--show', image]);
    mount();
  } catch (error) {
    if (device) run('losetup', ['-d', device]);
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    failReadOnly() {
      // The kernel's own test hook: an ext4 error as a failing disk would raise one.
      writeFileSync(`/sys/fs/ext4/${basename(device!)}/trigger_fs_error`, 'casetrail read-only disk test');
    },
    remountAfterRepair() {
      unmount();
      // Exit 1 means e2fsck corrected the error flag the hook left, which is what it is for.
      try {
        run('e2fsck', ['-fy', device!]);
      } catch (error) {
        if ((error as { status?: number }).status !== 1) throw error;
      }
      mount();
    },
    remove() {
      if (device === undefined) return;
      // Lazy only here: after a failed test the API may still hold its files open.
      if (mounted) run('umount', ['-l', dir]);
      mounted = false;
      // Detaches now, or (autoclear) once the lazily unmounted filesystem lets go of it.
      run('losetup', ['-d', device]);
      device = undefined;
      rmSync(work, { recursive: true, force: true });
    },
  };
}
