// A real OpenID provider (node-oidc-provider) for the console's OIDC sign-in tests, run as a child
// process because the package is ESM-only. Env: OIDC_REDIRECT_URL, OIDC_POST_LOGOUT_URL,
// OIDC_CLIENT_ID, OIDC_CLIENT_SECRET (a confidential client); OIDC_PUBLIC_CLIENT_ID,
// OIDC_PUBLIC_REDIRECT_URL (a public one, no secret); OIDC_PORT (else any free port). Each start
// signs with a new RSA key under the same key id. Prints one line, {"issuer": ...}, once it listens.
// In-memory adapter; devInteractions' login form signs in any login name with the claims below.
import { createServer } from 'node:http';
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

const { OIDC_REDIRECT_URL, OIDC_POST_LOGOUT_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_PUBLIC_CLIENT_ID, OIDC_PUBLIC_REDIRECT_URL } = process.env;
const ACCOUNTS = {
  'alex.caseworker': { casetrail_role: 'caseworker', agency: 'tmbc', da: true },
  'no.role': { agency: 'tmbc' },
};

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test-key' };

const server = createServer();
await new Promise((resolve) => server.listen(Number(process.env.OIDC_PORT ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: OIDC_CLIENT_ID,
      client_secret: OIDC_CLIENT_SECRET,
      redirect_uris: [OIDC_REDIRECT_URL],
      post_logout_redirect_uris: [OIDC_POST_LOGOUT_URL],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    ...(OIDC_PUBLIC_CLIENT_ID
      ? [
          {
            client_id: OIDC_PUBLIC_CLIENT_ID,
            redirect_uris: [OIDC_PUBLIC_REDIRECT_URL],
            response_types: ['code'],
            grant_types: ['authorization_code'],
            token_endpoint_auth_method: 'none',
          },
        ]
      : []),
  ],
  jwks: { keys: [jwk] },
  pkce: { required: () => true },
  // Casetrail's claims go in the ID token for the openid scope (as a directory's claim mapping would).
  claims: { openid: ['sub', 'casetrail_role', 'agency', 'da'] },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, sub) {
    const claims = ACCOUNTS[sub] ?? {};
    return { accountId: sub, claims: async () => ({ sub, ...claims }) };
  },
});
provider.on('server_error', (_ctx, error) => process.stderr.write(`provider server_error: ${error.stack}\n`));
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
