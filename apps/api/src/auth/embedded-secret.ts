import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CasetrailConfig } from '@casetrail/shared';

const SECRET_BYTES = 32;

/**
 * Where the embedded signing secret lives when CASETRAIL_JWT_SECRET is unset: `./data/jwt-secret`
 * under the working directory. The API's verifier and the CLI's `token` command both call this, so
 * a token the CLI mints is one the API accepts when both run from the repository root.
 */
export function embeddedSecretPath(workingDir: string = process.cwd()): string {
  return join(workingDir, 'data', 'jwt-secret');
}

/** The HS256 key for embedded mode: the configured secret, else the secret file (created if absent). */
export async function embeddedSigningKey(config: CasetrailConfig, workingDir?: string): Promise<Uint8Array> {
  if (config.CASETRAIL_JWT_SECRET) return new TextEncoder().encode(config.CASETRAIL_JWT_SECRET);
  return readOrCreateSecretFile(embeddedSecretPath(workingDir));
}

export async function readOrCreateSecretFile(path: string): Promise<Uint8Array> {
  try {
    return await readSecretFile(path);
  } catch (error) {
    if (!isErrorCode(error, 'ENOENT')) throw error;
  }
  await createSecretFile(path);
  return readSecretFile(path);
}

async function readSecretFile(path: string): Promise<Uint8Array> {
  // Like ssh with a private key: a secret others can read is not a secret, so refuse it.
  const { mode } = await stat(path);
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new Error(`${path} is readable by other users; run chmod 600 on it`);
  }
  const secret = new Uint8Array(await readFile(path));
  if (secret.length < SECRET_BYTES) {
    throw new Error(`${path} holds fewer than ${SECRET_BYTES} bytes; delete it to have a new one made (existing tokens stop working)`);
  }
  return secret;
}

/**
 * Writes a private temporary file, then hard-links it into place: the link either appears whole or
 * fails with EEXIST, so an API and a CLI starting together never read a half-written secret and
 * never overwrite each other's.
 */
async function createSecretFile(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, randomBytes(SECRET_BYTES), { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
  } catch (error) {
    if (!isErrorCode(error, 'EEXIST')) throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

// Structural, not instanceof: node's errors come from another realm under jest's module sandbox.
function isErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
