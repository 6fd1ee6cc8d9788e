import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CasetrailConfig, loadConfig } from '@casetrail/shared';
import { SqliteEventStore } from '@casetrail/event-store';
import { JwtVerifier } from '../../../api/src/auth';
import { createTokenCommand } from './token.command';

describe('npm run cli -- token', () => {
  let workingDir: string;
  const store = new SqliteEventStore({ path: ':memory:' });

  beforeEach(async () => {
    workingDir = await mkdtemp(join(tmpdir(), 'casetrail-cli-token-'));
  });
  afterEach(() => rm(workingDir, { recursive: true, force: true }));
  afterAll(() => store.close());

  async function runToken(args: string[], config: CasetrailConfig = loadConfig({})) {
    const lines: string[] = [];
    const code = await createTokenCommand(workingDir).run(args, { store, config, out: (line) => lines.push(line) });
    return { code, lines };
  }

  it('prints one token that the API, started in the same directory, accepts', async () => {
    const { code, lines } = await runToken(['--user', 'alice', '--role', 'caseworker', '--agency', 'tmbc']);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const principal = await new JwtVerifier(loadConfig({}), { workingDir }).verify(`Bearer ${lines[0]}`);
    expect(principal).toEqual({ userId: 'alice', role: 'caseworker', agency: 'tmbc', daAccess: false });
  });

  it('grants the DA permission with --da, and honours --expires', async () => {
    const { lines } = await runToken(['--user', 'idva1', '--role', 'caseworker', '--agency', 'idva-service', '--da', '--expires', '15m']);
    const payload = JSON.parse(Buffer.from(lines[0]!.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number };
    expect(payload.exp - payload.iat).toBe(15 * 60);
    await expect(new JwtVerifier(loadConfig({}), { workingDir }).verify(`Bearer ${lines[0]}`)).resolves.toMatchObject({ daAccess: true });
  });

  it('signs with CASETRAIL_JWT_SECRET when set, creating no secret file', async () => {
    const config = loadConfig({ CASETRAIL_JWT_SECRET: 'configured-secret-long-enough-0123456789', CASETRAIL_JWT_ISSUER: 'tmbc-casetrail' });
    const { code, lines } = await runToken(['--user', 'bob', '--role', 'auditor', '--agency', 'pcc'], config);
    expect(code).toBe(0);
    await expect(new JwtVerifier(config).verify(`Bearer ${lines[0]}`)).resolves.toMatchObject({ role: 'auditor' });
    await expect(stat(join(workingDir, 'data'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses an unknown role with exit code 64, naming the accepted roles', async () => {
    const { code, lines } = await runToken(['--user', 'alice', '--role', 'superuser', '--agency', 'tmbc']);
    expect(code).toBe(64);
    expect(lines).toEqual(['token: --role must be one of caseworker, manager, auditor, admin (got "superuser")']);
  });

  it.each([
    ['no --user', ['--role', 'caseworker', '--agency', 'tmbc'], /--user and --agency are required/],
    ['a blank --agency', ['--user', 'alice', '--role', 'caseworker', '--agency', ' '], /--user and --agency are required/],
    ['no --role', ['--user', 'alice', '--agency', 'tmbc'], /--role must be one of caseworker, manager, auditor, admin$/],
    ['a bad --expires', ['--user', 'alice', '--role', 'admin', '--agency', 'tmbc', '--expires', 'forever'], /--expires must be a duration/],
    ['an unknown flag', ['--user', 'alice', '--role', 'admin', '--agency', 'tmbc', '--admin'], /Unknown option '--admin'.*Usage: token/],
  ])('refuses %s with exit code 64 and prints no token', async (_name, args, message) => {
    const { code, lines } = await runToken(args);
    expect(code).toBe(64);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('refuses with exit code 78 when the API trusts an identity provider instead', async () => {
    const config = loadConfig({
      CASETRAIL_OIDC_ISSUER: 'https://idp.example.test/realms/csp',
      CASETRAIL_OIDC_JWKS_URL: 'https://idp.example.test/jwks',
      CASETRAIL_OIDC_AUDIENCE: 'casetrail-api',
    });
    const { code, lines } = await runToken(['--user', 'alice', '--role', 'admin', '--agency', 'tmbc'], config);
    expect(code).toBe(78);
    expect(lines[0]).toMatch(/identity provider/);
  });
});
