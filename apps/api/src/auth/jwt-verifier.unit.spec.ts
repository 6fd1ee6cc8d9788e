import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { loadConfig } from '@casetrail/shared';
import { AuthenticationError } from './auth.errors';
import { JwtVerifier } from './jwt-verifier';
import type { Principal } from './principal';
import { mintToken } from './token-minter';

// Embedded mode with CASETRAIL_JWT_SECRET set: no file is read, so this tier does no I/O.
const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const ISSUER = 'casetrail-embedded';
const config = loadConfig({ CASETRAIL_JWT_SECRET: SECRET });
const verifier = new JwtVerifier(config);

const alice: Principal = { userId: 'alice', role: 'caseworker', agency: 'tmbc', daAccess: false };
const now = () => Math.floor(Date.now() / 1000);
const key = new TextEncoder().encode(SECRET);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const validClaims = (): JWTPayload => ({ sub: 'alice', casetrail_role: 'caseworker', agency: 'tmbc', iss: ISSUER, iat: now(), exp: now() + 600 });

/** Signs claims as given, with HS256 and the configured secret unless told otherwise. */
const signed = (claims: JWTPayload, signingKey: Uint8Array = key, alg = 'HS256') =>
  new SignJWT(claims).setProtectedHeader({ alg }).sign(signingKey);

/** `because` is the jose error behind it, so each case is refused for its own reason, not another's. */
const expectRefusal = (header: string | undefined, code: AuthenticationError['code'], because?: object) =>
  expect(verifier.verify(header)).rejects.toMatchObject({
    name: 'AuthenticationError',
    status: 401,
    code,
    ...(because ? { cause: expect.objectContaining(because) } : {}),
  });
const ALG_NOT_ALLOWED = { code: 'ERR_JOSE_ALG_NOT_ALLOWED' };
const BAD_SIGNATURE = { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' };
const claimCheck = (claim: string) => ({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim });

describe('JwtVerifier (embedded, configured secret)', () => {
  it('accepts a token mintToken made and returns its principal', async () => {
    const token = await mintToken({ ...alice, daAccess: true }, { secret: SECRET, issuer: ISSUER, expiresIn: '8h' });
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual({ ...alice, daAccess: true });
  });

  it('reads `role` when `casetrail_role` is absent, and prefers `casetrail_role` when both are there', async () => {
    const { casetrail_role: _omitted, ...rest } = validClaims();
    await expect(verifier.verify(`Bearer ${await signed({ ...rest, role: 'auditor' })}`)).resolves.toMatchObject({ role: 'auditor' });
    const both = await signed({ ...validClaims(), casetrail_role: 'manager', role: 'offline_access' });
    await expect(verifier.verify(`Bearer ${both}`)).resolves.toMatchObject({ role: 'manager', daAccess: false });
  });

  it('accepts the scheme in any case, as RFC 6750 allows', async () => {
    await expect(verifier.verify(`bearer ${await signed(validClaims())}`)).resolves.toEqual(alice);
  });

  describe('refuses with 401', () => {
    it('a missing or empty header: TOKEN_MISSING', async () => {
      await expectRefusal(undefined, 'TOKEN_MISSING');
      await expectRefusal('  ', 'TOKEN_MISSING');
    });

    it.each([['Basic YWxpY2U6cGFzcw=='], ['Bearer'], ['Bearer '], ['Bearer a b'], ['Token abc.def.ghi'], ['abc.def.ghi']])(
      'a header not of the form "Bearer <token>" (%j): TOKEN_INVALID',
      async (header) => expectRefusal(header, 'TOKEN_INVALID'),
    );

    it('a token that is not a JWT: TOKEN_INVALID', async () => {
      await expectRefusal('Bearer not-a-jwt', 'TOKEN_INVALID', { code: 'ERR_JWS_INVALID' });
    });

    it('a token signed with another secret: TOKEN_INVALID', async () => {
      const forged = await signed(validClaims(), new TextEncoder().encode('another-secret-also-long-enough-0123456789'));
      await expectRefusal(`Bearer ${forged}`, 'TOKEN_INVALID', BAD_SIGNATURE);
    });

    it('a genuine token whose payload was altered: TOKEN_INVALID', async () => {
      const [header, , signature] = (await signed(validClaims())).split('.');
      const promoted = base64url({ ...validClaims(), casetrail_role: 'admin' });
      await expectRefusal(`Bearer ${header}.${promoted}.${signature}`, 'TOKEN_INVALID', BAD_SIGNATURE);
    });

    it('an unsigned token (alg: none), crafted by hand: TOKEN_INVALID', async () => {
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(validClaims())}.`;
      await expectRefusal(`Bearer ${unsigned}`, 'TOKEN_INVALID', ALG_NOT_ALLOWED);
    });

    it('a token signed with the right secret but an algorithm not allowed (HS512): TOKEN_INVALID', async () => {
      await expectRefusal(`Bearer ${await signed(validClaims(), key, 'HS512')}`, 'TOKEN_INVALID', ALG_NOT_ALLOWED);
    });

    it('an RS256 token, whoever signed it: TOKEN_INVALID', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT(validClaims()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
      await expectRefusal(`Bearer ${token}`, 'TOKEN_INVALID', ALG_NOT_ALLOWED);
    });

    it('an expired token: TOKEN_EXPIRED', async () => {
      await expectRefusal(`Bearer ${await signed({ ...validClaims(), iat: now() - 7200, exp: now() - 3600 })}`, 'TOKEN_EXPIRED', { code: 'ERR_JWT_EXPIRED' });
    });

    it('a token from another issuer, or none: TOKEN_INVALID', async () => {
      await expectRefusal(`Bearer ${await signed({ ...validClaims(), iss: 'someone-else' })}`, 'TOKEN_INVALID', claimCheck('iss'));
      const { iss: _omitted, ...noIssuer } = validClaims();
      await expectRefusal(`Bearer ${await signed(noIssuer)}`, 'TOKEN_INVALID', claimCheck('iss'));
    });

    it('a token without an expiry: TOKEN_INVALID', async () => {
      const { exp: _omitted, ...immortal } = validClaims();
      await expectRefusal(`Bearer ${await signed(immortal)}`, 'TOKEN_INVALID', claimCheck('exp'));
    });

    it.each<[string, JWTPayload]>([
      ['an unknown role', { casetrail_role: 'superuser' }],
      ['no role at all', { casetrail_role: undefined }],
      ['an empty agency', { agency: '' }],
      ['a blank agency', { agency: '   ' }],
      ['no agency', { agency: undefined }],
      ['a da claim that is not a boolean', { da: 'true' }],
      ['an empty subject', { sub: '' }],
    ])('a genuine token with bad claims (%s): TOKEN_CLAIMS_INVALID', async (_name, change) => {
      await expectRefusal(`Bearer ${await signed({ ...validClaims(), ...change })}`, 'TOKEN_CLAIMS_INVALID');
    });
  });

  it('says what to fix without saying why verification failed', async () => {
    const forged = await signed(validClaims(), new TextEncoder().encode('another-secret-also-long-enough-0123456789'));
    const error = await verifier.verify(`Bearer ${forged}`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toBe('The bearer token could not be verified.');
    expect((error as AuthenticationError).wwwAuthenticate).toBe('Bearer realm="casetrail", error="invalid_token"');
  });

  it('refuses a token it accepted before once the token has expired (a verification is remembered no longer than the token)', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-03-02T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const fresh = new JwtVerifier(config);
      const token = await signed({ ...validClaims(), exp: now() + 20 });
      await expect(fresh.verify(`Bearer ${token}`)).resolves.toEqual(alice);
      await expect(fresh.verify(`Bearer ${token}`)).resolves.toEqual(alice);
      // Past exp and the 30 s of clock tolerance.
      jest.setSystemTime(Date.now() + 51_000);
      await expect(fresh.verify(`Bearer ${token}`)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('hands each caller its own principal: changing one does not change what a later request gets', async () => {
    const token = await signed(validClaims());
    const first = await verifier.verify(`Bearer ${token}`);
    first.role = 'admin' as Principal['role'];
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual(alice);
  });

  it('tolerates a small clock difference, but not a large one', async () => {
    await expect(verifier.verify(`Bearer ${await signed({ ...validClaims(), exp: now() - 10 })}`)).resolves.toEqual(alice);
    await expectRefusal(`Bearer ${await signed({ ...validClaims(), nbf: now() + 3600 })}`, 'TOKEN_INVALID', claimCheck('nbf'));
  });
});
