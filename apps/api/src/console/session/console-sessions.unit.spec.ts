import type { Request } from 'express';
import { loadConfig } from '@casetrail/shared';
import { JwtVerifier } from '../../auth/jwt-verifier';
import { ConsoleSessions } from './console-sessions';

const from = (remoteAddress: string) => ({ socket: { remoteAddress } }) as unknown as Request;

function sessions(env: Record<string, string>): ConsoleSessions {
  const config = loadConfig({ CASETRAIL_JWT_SECRET: 'a-test-secret-that-is-long-enough-for-hs256', ...env });
  return new ConsoleSessions(config, new JwtVerifier(config));
}

describe('console demo sign-in', () => {
  it('is offered on the embedded default to a browser on this machine', () => {
    const embedded = sessions({});
    expect(embedded.demoSignInAllowed(from('127.0.0.1'))).toBe(true);
    expect(embedded.demoSignInAllowed(from('::1'))).toBe(true);
  });

  it('is not offered to another machine unless CASETRAIL_DEMO=true', () => {
    expect(sessions({}).demoSignInAllowed(from('192.168.1.20'))).toBe(false);
    expect(sessions({ CASETRAIL_DEMO: 'true' }).demoSignInAllowed(from('192.168.1.20'))).toBe(true);
  });

  it('is never offered when OIDC is configured, even with CASETRAIL_DEMO=true', () => {
    const oidc = sessions({
      CASETRAIL_DEMO: 'true',
      CASETRAIL_OIDC_ISSUER: 'https://login.example.org/',
      CASETRAIL_OIDC_JWKS_URL: 'https://login.example.org/keys',
      CASETRAIL_OIDC_AUDIENCE: 'casetrail',
    });
    expect(oidc.demoSignInAllowed(from('127.0.0.1'))).toBe(false);
  });
});
