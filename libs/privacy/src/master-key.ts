import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { CasetrailConfig, ConfigError } from '@casetrail/shared';

export const MASTER_KEY_VARIABLE = 'CASETRAIL_MASTER_KEY';

/** base64 of exactly 32 bytes, as `openssl rand -base64 32` prints. */
export function parseMasterKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : undefined;
}

export interface MasterKeySource {
  key: Buffer;
  /** Where it came from; never the key itself. */
  origin: 'config' | 'file-created' | 'file';
  file?: string;
}

/**
 * The master key that wraps subjects' keys: CASETRAIL_MASTER_KEY; or, on the embedded SQLite
 * default without it, a key file beside the database (`<db>.master-key`, mode 0600), created on
 * first start. PostgreSQL requires the variable: its data outlives any one host's files.
 */
export function resolveMasterKey(config: CasetrailConfig): MasterKeySource {
  if (config.CASETRAIL_MASTER_KEY) {
    const key = parseMasterKey(config.CASETRAIL_MASTER_KEY);
    if (!key) throw new ConfigError(MASTER_KEY_VARIABLE, 'must be the base64 of 32 random bytes (openssl rand -base64 32)');
    return { key, origin: 'config' };
  }
  if (config.CASETRAIL_STORE !== 'sqlite') throw new ConfigError(MASTER_KEY_VARIABLE, `is required when CASETRAIL_STORE=${config.CASETRAIL_STORE}`);
  if (config.CASETRAIL_SQLITE_PATH === ':memory:') return { key: randomBytes(32), origin: 'file-created' };
  const file = `${config.CASETRAIL_SQLITE_PATH}.master-key`;
  if (existsSync(file)) return readKeyFile(file);
  const key = randomBytes(32);
  mkdirSync(dirname(file), { recursive: true });
  try {
    // Never overwrites a key file: the API and the worker may both be starting (EEXIST: read theirs).
    writeDurably(file, `${key.toString('base64')}\n`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(file);
    throw error;
  }
  return { key, origin: 'file-created', file };
}

/**
 * Written to a private temporary file and flushed, then hard-linked into place and the directory
 * flushed. The link appears whole or fails with EEXIST, so the API and the worker starting together
 * never read a half-written key nor overwrite each other's. Flushed before the database can hold
 * anything the key encrypts: without it, a crash, a power cut or the disk turning read-only soon
 * after the first start loses the key from the page cache while the events it wraps keys for
 * (fsync'd by SQLite) survive, which shreds every subject's personal data by accident
 * (tests/faults/sqlite-read-only-disk.e2e.spec.ts).
 */
function writeDurably(file: string, text: string): void {
  const temporary = `${file}.${randomUUID()}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
  const directory = openSync(dirname(file), 'r');
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
}

function readKeyFile(file: string): MasterKeySource {
  const key = parseMasterKey(readFileSync(file, 'utf8'));
  if (!key) throw new ConfigError(MASTER_KEY_VARIABLE, `is unset and the key file ${file} does not hold the base64 of 32 bytes`);
  return { key, origin: 'file', file };
}
