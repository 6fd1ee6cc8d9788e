import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@casetrail/shared';
import { embeddedSecretPath, embeddedSigningKey, readOrCreateSecretFile } from './embedded-secret';
import { JwtVerifier } from './jwt-verifier';
import { mintToken } from './token-minter';

const posixOnly = process.platform === 'win32' ? it.skip : it;
const noSecretConfig = loadConfig({});
const alice = { userId: 'alice', role: 'caseworker', agency: 'tmbc', daAccess: false } as const;

describe('the embedded secret file', () => {
  let workingDir: string;

  beforeEach(async () => {
    workingDir = await mkdtemp(join(tmpdir(), 'casetrail-auth-'));
  });
  afterEach(async () => {
    await rm(workingDir, { recursive: true, force: true });
  });

  it('lives at data/jwt-secret under the working directory', () => {
    expect(embeddedSecretPath(workingDir)).toBe(join(workingDir, 'data', 'jwt-secret'));
  });

  posixOnly('is created on first use with 32 random bytes, readable by its owner only, and reused after', async () => {
    const first = await embeddedSigningKey(noSecretConfig, workingDir);
    const path = embeddedSecretPath(workingDir);
    expect(first).toHaveLength(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(new Uint8Array(await readFile(path))).toEqual(first);
    expect(await embeddedSigningKey(noSecretConfig, workingDir)).toEqual(first);
    expect(await readdir(join(workingDir, 'data'))).toEqual(['jwt-secret']);
  });

  it('is neither read nor created when CASETRAIL_JWT_SECRET is set', async () => {
    const secret = 'configured-secret-long-enough-0123456789';
    const key = await embeddedSigningKey(loadConfig({ CASETRAIL_JWT_SECRET: secret }), workingDir);
    expect(Buffer.from(key).toString()).toBe(secret);
    await expect(stat(join(workingDir, 'data'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is created once when many callers race for it (the API and the CLI starting together)', async () => {
    const path = embeddedSecretPath(workingDir);
    const keys = await Promise.all(Array.from({ length: 20 }, () => readOrCreateSecretFile(path)));
    keys.forEach((key) => expect(key).toEqual(keys[0]));
    expect(await readdir(join(workingDir, 'data'))).toEqual(['jwt-secret']);
  });

  posixOnly('is refused when other users can read it', async () => {
    const path = embeddedSecretPath(workingDir);
    await readOrCreateSecretFile(path);
    await chmod(path, 0o644);
    await expect(readOrCreateSecretFile(path)).rejects.toThrow(/readable by other users; run chmod 600/);
  });

  it('is refused when it holds too few bytes', async () => {
    const path = embeddedSecretPath(workingDir);
    await readOrCreateSecretFile(path);
    await writeFile(path, 'short');
    await expect(readOrCreateSecretFile(path)).rejects.toThrow(/fewer than 32 bytes/);
  });

  describe('with JwtVerifier', () => {
    it('accepts a token minted with the file\'s secret', async () => {
      const verifier = new JwtVerifier(noSecretConfig, { workingDir });
      const secret = await embeddedSigningKey(noSecretConfig, workingDir);
      const token = await mintToken(alice, { secret, issuer: noSecretConfig.CASETRAIL_JWT_ISSUER, expiresIn: '5m' });
      await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual(alice);
    });

    it('refuses a token minted with another installation\'s file', async () => {
      const otherDir = await mkdtemp(join(tmpdir(), 'casetrail-auth-other-'));
      try {
        const secret = await embeddedSigningKey(noSecretConfig, otherDir);
        const token = await mintToken(alice, { secret, issuer: noSecretConfig.CASETRAIL_JWT_ISSUER, expiresIn: '5m' });
        const verifier = new JwtVerifier(noSecretConfig, { workingDir });
        await expect(verifier.verify(`Bearer ${token}`)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
      } finally {
        await rm(otherDir, { recursive: true, force: true });
      }
    });

    posixOnly('fails as a server fault, not a 401, while the file is unusable, and recovers without a restart', async () => {
      const path = embeddedSecretPath(workingDir);
      const secret = await readOrCreateSecretFile(path);
      const token = await mintToken(alice, { secret, issuer: noSecretConfig.CASETRAIL_JWT_ISSUER, expiresIn: '5m' });
      await chmod(path, 0o644);
      const verifier = new JwtVerifier(noSecretConfig, { workingDir });
      const failure = await verifier.verify(`Bearer ${token}`).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(failure).not.toHaveProperty('status');
      await chmod(path, 0o600);
      await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual(alice);
    });
  });
});
