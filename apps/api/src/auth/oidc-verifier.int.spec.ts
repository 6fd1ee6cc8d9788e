import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, type KeyLike, SignJWT } from 'jose';
import { ConfigError, loadConfig } from '@casetrail/shared';
import { AuthenticationUnavailableError } from './auth.errors';
import { JwtVerifier } from './jwt-verifier';
import { mintToken } from './token-minter';

// A real identity provider's key endpoint, reduced to a JWKS document on 127.0.0.1.
const ISSUER = 'https://idp.example.test/realms/csp';
const AUDIENCE = 'casetrail-api';
const now = () => Math.floor(Date.now() / 1000);

interface Provider {
  server: Server;
  url: string;
  failing: boolean;
}

async function startProvider(jwks: object): Promise<Provider> {
  const provider: Provider = { server: createServer(), url: '', failing: false };
  provider.server.on('request', (request, response) => {
    if (provider.failing || request.url !== '/jwks') {
      response.writeHead(provider.failing ? 500 : 404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
  provider.url = `http://127.0.0.1:${(provider.server.address() as AddressInfo).port}/jwks`;
  return provider;
}

const stop = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

const oidcConfig = (jwksUrl: string) =>
  loadConfig({ CASETRAIL_OIDC_ISSUER: ISSUER, CASETRAIL_OIDC_JWKS_URL: jwksUrl, CASETRAIL_OIDC_AUDIENCE: AUDIENCE });

const claims = (extra: JWTPayload = {}): JWTPayload => ({
  sub: 'f3a9c2e1-idp-user',
  casetrail_role: 'manager',
  agency: 'kent-police',
  iss: ISSUER,
  aud: AUDIENCE,
  iat: now(),
  exp: now() + 300,
  ...extra,
});

const sign = (payload: JWTPayload, key: KeyLike, alg: string, kid: string) => new SignJWT(payload).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(key);

describe('JwtVerifier (OIDC, JWKS over HTTP)', () => {
  let rsa: { publicKey: KeyLike; privateKey: KeyLike };
  let ec: { publicKey: KeyLike; privateKey: KeyLike };
  let provider: Provider;
  let verifier: JwtVerifier;

  beforeAll(async () => {
    [rsa, ec] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('ES256')]);
    const keys = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    provider = await startProvider({ keys });
  });
  beforeEach(() => {
    provider.failing = false;
    verifier = new JwtVerifier(oidcConfig(provider.url));
  });
  afterAll(() => stop(provider.server));

  it('accepts an RS256 token from the provider and maps its claims', async () => {
    const token = await sign(claims(), rsa.privateKey, 'RS256', 'rsa-1');
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual({
      userId: 'f3a9c2e1-idp-user',
      role: 'manager',
      agency: 'kent-police',
      daAccess: false,
    });
  });

  it('accepts an ES256 token carrying `role` and `da`', async () => {
    const { casetrail_role: _omitted, ...rest } = claims({ role: 'caseworker', da: true });
    const token = await sign(rest, ec.privateKey, 'ES256', 'ec-1');
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toMatchObject({ role: 'caseworker', daAccess: true });
  });

  it.each<[string, JWTPayload, object]>([
    ['for another audience', { aud: 'another-app' }, { claim: 'aud' }],
    ['without an audience', { aud: undefined }, { claim: 'aud' }],
    ['from another issuer', { iss: 'https://idp.example.test/realms/other' }, { claim: 'iss' }],
  ])('refuses a genuinely signed token %s: TOKEN_INVALID', async (_name, change, because) => {
    const token = await sign(claims(change), rsa.privateKey, 'RS256', 'rsa-1');
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toMatchObject({ status: 401, code: 'TOKEN_INVALID', cause: expect.objectContaining(because) });
  });

  it('refuses an expired provider token: TOKEN_EXPIRED', async () => {
    const token = await sign(claims({ iat: now() - 3600, exp: now() - 600 }), rsa.privateKey, 'RS256', 'rsa-1');
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
  });

  it('refuses a token signed by an unpublished key that claims a published key id', async () => {
    const impostor = await generateKeyPair('RS256');
    const token = await sign(claims(), impostor.privateKey, 'RS256', 'rsa-1');
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
      cause: expect.objectContaining({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' }),
    });
  });

  it('refuses a token naming a key the provider does not publish, as a bad token rather than an outage', async () => {
    const token = await sign(claims(), rsa.privateKey, 'RS256', 'rsa-unknown');
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toMatchObject({
      status: 401,
      code: 'TOKEN_INVALID',
      cause: expect.objectContaining({ code: 'ERR_JWKS_NO_MATCHING_KEY' }),
    });
  });

  it('refuses embedded HS256 tokens once an identity provider is configured', async () => {
    const token = await mintToken(
      { userId: 'alice', role: 'admin', agency: 'tmbc', daAccess: true },
      { secret: 'configured-secret-long-enough-0123456789', issuer: ISSUER, expiresIn: '5m' },
    );
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
      cause: expect.objectContaining({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' }),
    });
  });

  it('answers 503, not 401, when the provider\'s key endpoint fails', async () => {
    provider.failing = true;
    const token = await sign(claims(), rsa.privateKey, 'RS256', 'rsa-1');
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toBeInstanceOf(AuthenticationUnavailableError);
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toMatchObject({ status: 503, code: 'AUTH_UNAVAILABLE' });
  });

  it('answers 503 when nothing listens at the key endpoint', async () => {
    const gone = await startProvider({ keys: [] });
    await stop(gone.server);
    const token = await sign(claims(), rsa.privateKey, 'RS256', 'rsa-1');
    await expect(new JwtVerifier(oidcConfig(gone.url)).verify(`Bearer ${token}`)).rejects.toMatchObject({ status: 503 });
  });

  it.each([
    [{ CASETRAIL_OIDC_ISSUER: ISSUER, CASETRAIL_OIDC_AUDIENCE: AUDIENCE }, 'CASETRAIL_OIDC_JWKS_URL'],
    [{ CASETRAIL_OIDC_JWKS_URL: 'https://idp.example.test/jwks', CASETRAIL_OIDC_AUDIENCE: AUDIENCE }, 'CASETRAIL_OIDC_ISSUER'],
    [{ CASETRAIL_OIDC_ISSUER: ISSUER, CASETRAIL_OIDC_JWKS_URL: 'https://idp.example.test/jwks' }, 'CASETRAIL_OIDC_AUDIENCE'],
  ])('stops start-up on an incomplete OIDC configuration (%j lacks %s)', (env, missing) => {
    expect(() => new JwtVerifier(loadConfig(env))).toThrow(ConfigError);
    expect(() => new JwtVerifier(loadConfig(env))).toThrow(missing);
  });
});
