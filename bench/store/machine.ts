import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  sqlite?: string;
  postgres?: string;
  gitCommit?: string;
  /** 1/5/15-minute load averages when the run started: other work on the machine skews figures. */
  loadAverageAtStart: number[];
}

export function machineInfo(): MachineInfo {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    gitCommit: gitCommit(),
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

function gitCommit(): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head} (uncommitted changes)` : head;
  } catch {
    return undefined;
  }
}

/**
 * A digest of the event store's sources (specs excluded) as they were when the run started: the
 * work tree is shared, so a commit id alone does not say which adapter code was measured.
 */
export function eventStoreSources(root: string): { sha256: string; files: number; uncommittedChanges?: boolean } {
  const dir = join(root, 'libs/event-store/src');
  const files: string[] = [];
  const walk = (d: string) =>
    readdirSync(d, { withFileTypes: true }).forEach((entry) => {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) files.push(path);
    });
  walk(dir);
  const hash = createHash('sha256');
  for (const file of files.sort()) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  let uncommittedChanges: boolean | undefined;
  try {
    const status = execFileSync('git', ['status', '--porcelain', '--', 'libs/event-store/src'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    uncommittedChanges = status.trim().length > 0;
  } catch {
    uncommittedChanges = undefined;
  }
  return { sha256: hash.digest('hex').slice(0, 16), files: files.length, uncommittedChanges };
}
