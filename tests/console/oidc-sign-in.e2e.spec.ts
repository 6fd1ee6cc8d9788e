import { ConfigError, loadConfig } from '@casetrail/shared';
import { freePort } from '../support/processes';
import { startTestApi, type TestApi } from '../support/api-app';
import { TestBrowser, startOidcProvider, type OidcProviderProcess } from './support/oidc-browser';

// Console sign-in through a real OpenID provider (node-oidc-provider in a child process): the
// authorization code flow with PKCE (S256), state and nonce, and its refusals as error pages.
const CLIENT_ID = 'casetrail-console';
const CLIENT_SECRET = 'a-client-secret-for-the-console-tests';
const SESSION = 'casetrail_session';
const TRANSACTION = 'casetrail_oidc';
/** The API's side of OIDC (bearer tokens from `issuer`); the console client settings come on top. */
const apiOidc = (issuer: string) => ({ CASETRAIL_OIDC_ISSUER: issuer, CASETRAIL_OIDC_JWKS_URL: `${issuer}/jwks`, CASETRAIL_OIDC_AUDIENCE: 'casetrail-api' });

describe('console sign-in through OIDC (authorization code + PKCE)', () => {
  let provider: OidcProviderProcess;
  let api: TestApi;
  let publicApi: TestApi;
  let console_: string;
  let publicConsole: string;
  let callbackUrl: string;

  beforeAll(async () => {
    const [port, publicPort] = [await freePort(), await freePort()];
    console_ = `http://127.0.0.1:${port}`;
    publicConsole = `http://127.0.0.1:${publicPort}`;
    callbackUrl = `${console_}/sign-in/callback`;
    provider = await startOidcProvider({
      OIDC_REDIRECT_URL: callbackUrl,
      OIDC_POST_LOGOUT_URL: `${console_}/sign-out`,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_PUBLIC_CLIENT_ID: 'casetrail-console-public',
      OIDC_PUBLIC_REDIRECT_URL: `${publicConsole}/sign-in/callback`,
    });
    api = await startTestApi('sqlite', undefined, {
      env: {
        ...apiOidc(provider.issuer),
        CASETRAIL_OIDC_CLIENT_ID: CLIENT_ID,
        CASETRAIL_OIDC_CLIENT_SECRET: CLIENT_SECRET,
        CASETRAIL_OIDC_REDIRECT_URL: callbackUrl,
      },
    });
    await api.app.listen(port, '127.0.0.1');
    publicApi = await startTestApi('sqlite', undefined, {
      env: {
        ...apiOidc(provider.issuer),
        CASETRAIL_OIDC_CLIENT_ID: 'casetrail-console-public',
        CASETRAIL_OIDC_REDIRECT_URL: `${publicConsole}/sign-in/callback`,
      },
    });
    await publicApi.app.listen(publicPort, '127.0.0.1');
  }, 30_000);

  afterAll(async () => {
    await api?.close();
    await publicApi?.close();
    await provider?.stop();
  });

  /** GET /sign-in: the redirect to the provider, checked for PKCE S256, state and nonce. */
  async function startSignIn(browser: TestBrowser): Promise<URL> {
    const res = await browser.request(`${console_}/sign-in`);
    expect(res.status).toBe(303);
    return res.location!;
  }

  it('signs in through the provider and shows the signed-in user with the claims as the Principal', async () => {
    const browser = new TestBrowser();
    const authorize = await startSignIn(browser);
    expect(authorize.origin + authorize.pathname).toBe(`${provider.issuer}/auth`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: callbackUrl, code_challenge_method: 'S256', scope: 'openid' });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(p)).toMatch(/^[\w-]{43}$/);
    const transaction = browser.cookie(console_, TRANSACTION)!;
    expect(transaction).toBeDefined();
    expect(transaction).not.toContain(authorize.searchParams.get('state')); // encrypted, not just signed

    const callback = await browser.throughProvider(authorize, 'alex.caseworker', callbackUrl);
    expect(callback.searchParams.get('state')).toBe(authorize.searchParams.get('state'));
    const signedIn = await browser.request(callback);
    expect(signedIn.status).toBe(303);
    expect(signedIn.location!.pathname).toBe('/');
    expect(signedIn.setCookies.find((c) => c.startsWith(`${SESSION}=`))).toMatch(/HttpOnly/i);
    expect(browser.cookie(console_, TRANSACTION)).toBeUndefined();

    const start = await browser.request(`${console_}/`);
    expect(start.location!.pathname).toBe('/cases');
    const cases = await browser.request(`${console_}/cases`);
    expect(cases.status).toBe(200);
    expect(cases.html).toContain('alex.caseworker (caseworker, tmbc, DA access)');
  });

  it('signs in as a public client (no secret): PKCE alone protects the code', async () => {
    const browser = new TestBrowser();
    const authorize = (await browser.request(`${publicConsole}/sign-in`)).location!;
    expect(authorize.searchParams.get('client_id')).toBe('casetrail-console-public');
    const callback = await browser.throughProvider(authorize, 'alex.caseworker', `${publicConsole}/sign-in/callback`);
    expect((await browser.request(callback)).status).toBe(303);
    expect((await browser.request(`${publicConsole}/cases`)).html).toContain('alex.caseworker (caseworker, tmbc, DA access)');
  });

  it('refuses a callback whose state is not the one this browser was given (STATE_MISMATCH), with no session', async () => {
    const browser = new TestBrowser();
    const callback = await browser.throughProvider(await startSignIn(browser), 'alex.caseworker', callbackUrl);
    callback.searchParams.set('state', 'a-state-from-someone-elses-sign-in-000000000');
    const res = await browser.request(callback);
    expect(res.status).toBe(400);
    expect(res.html).toContain('Sign-in did not work');
    expect(res.html).toContain('STATE_MISMATCH');
    expect(browser.cookie(console_, SESSION)).toBeUndefined();
    expect((await browser.request(`${console_}/cases`)).status).toBe(303);
  });

  it('refuses a callback with no sign-in started in this browser (NO_SIGN_IN_IN_PROGRESS)', async () => {
    const browser = new TestBrowser();
    const res = await browser.request(`${callbackUrl}?code=abc&state=def`);
    expect(res.status).toBe(400);
    expect(res.html).toContain('NO_SIGN_IN_IN_PROGRESS');
  });

  it('refuses a replayed code: the provider will not exchange it twice (CODE_REFUSED)', async () => {
    const browser = new TestBrowser();
    const callback = await browser.throughProvider(await startSignIn(browser), 'alex.caseworker', callbackUrl);
    const transaction = browser.cookie(console_, TRANSACTION)!;
    expect((await browser.request(callback)).status).toBe(303);

    // An attacker holding the code and the transaction cookie replays both.
    const replay = new TestBrowser();
    replay.setCookie(console_, TRANSACTION, transaction);
    const res = await replay.request(callback);
    expect(res.status).toBe(400);
    expect(res.html).toContain('CODE_REFUSED');
    expect(replay.cookie(console_, SESSION)).toBeUndefined();
  });

  it('refuses an ID token whose nonce is not this sign-in’s (NONCE_MISMATCH)', async () => {
    const browser = new TestBrowser();
    const authorize = await startSignIn(browser);
    // Same state and PKCE challenge, but the authorization request names another nonce.
    authorize.searchParams.set('nonce', 'a-nonce-from-another-sign-in-0000000000000');
    const res = await browser.request(await browser.throughProvider(authorize, 'alex.caseworker', callbackUrl));
    expect(res.status).toBe(400);
    expect(res.html).toContain('NONCE_MISMATCH');
    expect(browser.cookie(console_, SESSION)).toBeUndefined();
  });

  it('refuses an account without a Casetrail role (CLAIMS_INVALID)', async () => {
    const browser = new TestBrowser();
    const res = await browser.request(await browser.throughProvider(await startSignIn(browser), 'no.role', callbackUrl));
    expect(res.status).toBe(400);
    expect(res.html).toContain('CLAIMS_INVALID');
  });

  it('signs out: clears the session and sends the browser to the provider’s end_session_endpoint', async () => {
    const browser = new TestBrowser();
    await browser.request(await browser.throughProvider(await startSignIn(browser), 'alex.caseworker', callbackUrl));
    const page = await browser.request(`${console_}/cases`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('action="/sign-out"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)![1]!;
    const out = await browser.request(`${console_}/sign-out`, { _csrf: csrf });
    expect(out.status).toBe(303);
    expect(out.location!.origin).toBe(provider.issuer);
    expect(out.location!.searchParams.get('post_logout_redirect_uri')).toBe(`${console_}/sign-out`);
    expect(browser.cookie(console_, SESSION)).toBeUndefined();
    expect((await browser.request(`${console_}/cases`)).status).toBe(303);
    // The provider asks to confirm, then returns to /sign-out.
    const back = await browser.throughProvider(out.location!, 'alex.caseworker', `${console_}/sign-out`);
    expect((await browser.request(back)).html).toContain('You have signed out');
  });

  it('lets the console’s forms redirect to the provider (sign-out) in its Content-Security-Policy', async () => {
    const res = await fetch(`${callbackUrl}?state=x`, { redirect: 'manual' });
    expect(res.headers.get('content-security-policy')).toContain(`form-action 'self' ${provider.issuer}`);
  });
});

describe('console sign-in when the provider signs with a key it did not publish', () => {
  it('refuses the ID token (ID_TOKEN_INVALID): its signature is checked against the provider’s key set', async () => {
    const [providerPort, port] = [await freePort(), await freePort()];
    const consoleUrl = `http://127.0.0.1:${port}`;
    const env = { OIDC_PORT: String(providerPort), OIDC_REDIRECT_URL: `${consoleUrl}/sign-in/callback`, OIDC_POST_LOGOUT_URL: `${consoleUrl}/sign-out`, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET };
    let provider = await startOidcProvider(env);
    const api = await startTestApi('sqlite', undefined, {
      env: {
        ...apiOidc(provider.issuer),
        CASETRAIL_OIDC_CLIENT_ID: CLIENT_ID,
        CASETRAIL_OIDC_CLIENT_SECRET: CLIENT_SECRET,
        CASETRAIL_OIDC_REDIRECT_URL: `${consoleUrl}/sign-in/callback`,
      },
    });
    try {
      await api.app.listen(port, '127.0.0.1');
      const signIn = async () => {
        const browser = new TestBrowser();
        const authorize = (await browser.request(`${consoleUrl}/sign-in`)).location!;
        return browser.request(await browser.throughProvider(authorize, 'alex.caseworker', `${consoleUrl}/sign-in/callback`));
      };
      expect((await signIn()).status).toBe(303); // the console now holds the first key
      // Same issuer, same key id, another key: as if someone else signed the token.
      await provider.stop();
      provider = await startOidcProvider(env);
      const res = await signIn();
      expect(res.status).toBe(400);
      expect(res.html).toContain('ID_TOKEN_INVALID');
      expect(res.setCookies.some((c) => c.startsWith(`${SESSION}=`) && !c.startsWith(`${SESSION}=;`))).toBe(false);
    } finally {
      await api.close();
      await provider.stop();
    }
  });
});

describe('console OIDC configuration', () => {
  const api = { CASETRAIL_OIDC_ISSUER: 'https://login.example.org', CASETRAIL_OIDC_JWKS_URL: 'https://login.example.org/jwks', CASETRAIL_OIDC_AUDIENCE: 'casetrail' };
  const failure = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      return error instanceof ConfigError ? error.message : String(error);
    }
    return 'accepted';
  };

  it('stops start-up naming the missing variable when console sign-in is half configured', () => {
    expect(failure({ ...api, CASETRAIL_OIDC_CLIENT_ID: 'casetrail-console' })).toContain('CASETRAIL_OIDC_REDIRECT_URL');
    expect(failure({ ...api, CASETRAIL_OIDC_REDIRECT_URL: 'https://casetrail.example.org/sign-in/callback' })).toContain('CASETRAIL_OIDC_CLIENT_ID');
    expect(failure({ CASETRAIL_OIDC_CLIENT_ID: 'c', CASETRAIL_OIDC_REDIRECT_URL: 'https://casetrail.example.org/sign-in/callback' })).toContain('CASETRAIL_OIDC_ISSUER');
    expect(failure({ ...api, CASETRAIL_OIDC_CLIENT_SECRET: 'secret' })).toContain('CASETRAIL_OIDC_CLIENT_ID');
    expect(failure({ ...api, CASETRAIL_OIDC_CLIENT_ID: 'c', CASETRAIL_OIDC_REDIRECT_URL: 'ftp://x/cb' })).toContain('CASETRAIL_OIDC_REDIRECT_URL');
  });

  it('accepts a public client (no secret) and API-only OIDC (no client)', () => {
    expect(failure({ ...api, CASETRAIL_OIDC_CLIENT_ID: 'c', CASETRAIL_OIDC_REDIRECT_URL: 'https://casetrail.example.org/sign-in/callback' })).toBe('accepted');
    expect(failure(api)).toBe('accepted');
  });
});

describe('console sign-in with OIDC only partly available', () => {
  it('offers no sign-in when OIDC has no console client (API-only OIDC mode)', async () => {
    const api = await startTestApi('sqlite', undefined, { env: apiOidc('https://login.example.org') });
    try {
      const page = await api.http().get('/sign-in');
      expect(page.status).toBe(200);
      expect(page.text).toContain('CASETRAIL_OIDC_CLIENT_ID');
      expect((await api.http().get('/sign-in/callback?code=a&state=b')).status).toBe(404);
    } finally {
      await api.close();
    }
  });

  it('shows a 503 page, not a crash, when the provider cannot be reached', async () => {
    const issuer = `http://127.0.0.1:${await freePort()}`;
    const api = await startTestApi('sqlite', undefined, {
      env: { ...apiOidc(issuer), CASETRAIL_OIDC_CLIENT_ID: CLIENT_ID, CASETRAIL_OIDC_REDIRECT_URL: 'http://127.0.0.1:1/sign-in/callback' },
    });
    try {
      const page = await api.http().get('/sign-in');
      expect(page.status).toBe(503);
      expect(page.text).toContain('sign-in is unavailable');
    } finally {
      await api.close();
    }
  });
});
