import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Response } from 'supertest';
import { ROLE_ACTIONS } from '../../apps/api/src/auth/access-policy';
import { Principal, Role, ROLES } from '../../apps/api/src/auth/principal';
import { startTestApi, TestApi } from '../support/api-app';
import { asbReport, logIncident } from '../e2e/api-fixtures';
import { ISSUER, mint, SECRET, TOKEN_ENV } from './tokens';

/**
 * Callers who try to get in or see more than they may: forged and stale tokens, roles and
 * agencies reaching past the matrix in docs/security.md, probes for restricted cases, and
 * users who send too much. Extends tests/e2e/authorisation.e2e.spec.ts (every route x role)
 * with what an attacker would try.
 */

/** Personal data sent below; none of it may reach a log line. */
const PERSONAL = ['Maria Secretvictim', 'Sam Secretperp', '1 Hiddenway Road', 'Jane', 'Doe', '07700 900123', 'Acacia'];

jest.setTimeout(60_000); // a hang guard: the probes below are many small requests

const daReferral = {
  type: 'da-referral',
  data: {
    source: 'police',
    referringAgency: 'kent-police',
    victim: { name: 'Maria Secretvictim', dateOfBirth: '1990-05-17', address: '1 Hiddenway Road, Tonbridge', gender: 'female' },
    perpetrator: { name: 'Sam Secretperp', relationshipToVictim: 'current-partner' },
    childrenInHousehold: 1,
    incidentsInLast12Months: 1,
  },
};

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function expectProblem(res: Response, status: number, code?: string): void {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringContaining('application/problem+json') });
  expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, code: code ?? expect.any(String) });
}

describe('security: hostile callers', () => {
  const logs: string[] = [];
  let api: TestApi;
  let caseworker: string;
  let asbCaseId: string;

  beforeAll(async () => {
    api = await startTestApi('sqlite', undefined, { logs, env: TOKEN_ENV });
    caseworker = await mint({ role: 'caseworker', userId: 'cw-tmbc', agency: 'tmbc' });
    const opened = await api.http().post('/api/cases').set(bearer(caseworker)).send(asbReport());
    expect(opened.status).toBe(201);
    asbCaseId = opened.body.caseId;
  });
  afterAll(() => api.close());

  describe('tokens: each forgery or stale token gets 401 problem+json', () => {
    const claims = { casetrail_role: 'admin', agency: 'tmbc', da: true };
    const forged: Record<string, () => Promise<string>> = {
      'signed with another key': () =>
        new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuer(ISSUER).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode('another-secret-that-is-also-32-characters-long')),
      'alg none, unsigned': async () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims, sub: 'mallory', iss: ISSUER, exp: Math.floor(Date.now() / 1000) + 3600 })}.`,
      'alg none with a signature copied from a genuine token': async () => {
        const genuine = await mint({ role: 'caseworker', userId: 'mallory', agency: 'tmbc' });
        return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims, sub: 'mallory', iss: ISSUER, exp: Math.floor(Date.now() / 1000) + 3600 })}.${genuine.split('.')[2]}`;
      },
      'a genuine token whose payload was edited to admin': async () => {
        const [header, , signature] = (await mint({ role: 'caseworker', userId: 'mallory', agency: 'tmbc' })).split('.');
        return `${header}.${b64url({ ...claims, sub: 'mallory', iss: ISSUER, exp: Math.floor(Date.now() / 1000) + 3600 })}.${signature}`;
      },
      'expired an hour ago': () =>
        new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuer(ISSUER).setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 3600).sign(new TextEncoder().encode(SECRET)),
      'from another issuer': () =>
        new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuer('https://evil.example').setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(SECRET)),
      'without an expiry': () => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuer(ISSUER).setIssuedAt().sign(new TextEncoder().encode(SECRET)),
      'with an invented role': () =>
        new SignJWT({ ...claims, casetrail_role: 'superuser' }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuer(ISSUER).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(SECRET)),
      'with da as the string "true"': () =>
        new SignJWT({ ...claims, da: 'true' }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuer(ISSUER).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(SECRET)),
    };

    it.each(Object.keys(forged))('%s', async (name) => {
      const token = await forged[name]!();
      for (const call of [api.http().get('/api/cases'), api.http().get(`/api/cases/${asbCaseId}`), api.http().post(`/api/cases/${asbCaseId}/commands`).send(logIncident('forged'))]) {
        const res = await call.set(bearer(token));
        expectProblem(res, 401);
        expect(res.body.code).toMatch(/^TOKEN_(INVALID|EXPIRED|CLAIMS_INVALID)$/);
        expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
      }
    });

    it('an expired token is named as expired, so the caller knows to get a new one', async () => {
      expectProblem(await api.http().get('/api/cases').set(bearer(await forged['expired an hour ago']!())), 401, 'TOKEN_EXPIRED');
    });

    it('nothing a forged token sent was written', async () => {
      const history = await api.http().get(`/api/cases/${asbCaseId}/history`).set(bearer(caseworker));
      expect(history.status).toBe(200);
      expect(JSON.stringify(history.body)).not.toContain('forged');
    });
  });

  describe('role escalation and other agencies', () => {
    it('casetrail_role wins over an identity provider role claim, so role: admin buys nothing', async () => {
      const token = await new SignJWT({ casetrail_role: 'caseworker', role: 'admin', agency: 'tmbc' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('cw-with-idp-role')
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(SECRET));
      expectProblem(await api.http().get('/api/admin/jobs/failed').set(bearer(token)), 403, 'ACTION_FORBIDDEN');
      expectProblem(await api.http().get('/api/audit/access').set(bearer(token)), 403, 'ACTION_FORBIDDEN');
    });

    it('role fields in headers or a request body change nothing', async () => {
      const auditor = await mint({ role: 'auditor', userId: 'aud-1', agency: 'tmbc' });
      const headers = { ...bearer(auditor), 'X-Casetrail-Role': 'admin', 'X-Forwarded-User': 'admin-1' };
      const url = `/api/cases/${asbCaseId}/commands`;
      expectProblem(await api.http().post(url).set(headers).send(logIncident('escalate')), 403, 'ACTION_FORBIDDEN');
      // Extra top-level fields are refused before anything else is looked at.
      expectProblem(await api.http().post(url).set(headers).send({ ...logIncident('escalate'), role: 'admin', principal: { role: 'admin' } }), 400, 'BODY_INVALID');
      const history = await api.http().get(`/api/cases/${asbCaseId}/history`).set(bearer(caseworker));
      expect(JSON.stringify(history.body)).not.toContain('escalate');
    });

    it.each(ROLES.filter((role) => ROLE_ACTIONS[role].includes('case.command')))(
      'a %s of another agency may read an unrestricted case but not change it (403)',
      async (role) => {
        const outsider = await mint({ role, userId: `${role}-elsewhere`, agency: 'elsewhere' });
        expect((await api.http().get(`/api/cases/${asbCaseId}`).set(bearer(outsider))).status).toBe(200);
        const res = await api.http().post(`/api/cases/${asbCaseId}/commands`).set(bearer(outsider)).send(logIncident(`x-${role}`));
        if (role === 'admin') expect(res.status).toBe(200); // admins act on any case they can see
        else expectProblem(res, 403, 'CASE_ACTION_FORBIDDEN');
      },
    );
  });

  describe('restricted cases: a probe cannot tell one from a case that does not exist', () => {
    let restrictedIds: string[];

    beforeAll(async () => {
      const police = await mint({ role: 'caseworker', userId: 'idva-1', agency: 'kent-police', daAccess: true });
      const da = await api.http().post('/api/cases').set(bearer(police)).send(daReferral);
      expect(da.status).toBe(201);
      const marked = await api.http().post('/api/cases').set(bearer(caseworker)).send(asbReport('2026-03-02'));
      const current = await api.http().get(`/api/cases/${marked.body.caseId}`).set(bearer(caseworker));
      const mark = await api
        .http()
        .post(`/api/cases/${marked.body.caseId}/commands`)
        .set({ ...bearer(caseworker), 'If-Match': current.headers.etag })
        .send({ type: 'MarkRestricted', data: { reason: 'Witness protection' } });
      expect(mark.status).toBe(200);
      restrictedIds = [da.body.caseId, marked.body.caseId];
    });

    /** Every route the app serves that names a case, found from the router, so a new one is covered. */
    function caseRoutes(): string[] {
      const express = api.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
      return express.router.stack
        .filter((layer) => layer.route?.path.includes(':caseId'))
        .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`));
    }

    /** The response with everything that names the case or the request replaced, so two can be compared. */
    function shape(res: Response, caseId: string) {
      const headers = { ...res.headers };
      delete headers.date;
      delete headers['x-request-id'];
      delete headers.etag; // Express's hash of the body, which holds the request id: differs on every answer
      const scrub = (text: string) => text.split(caseId).join('<id>');
      const body = JSON.parse(scrub(JSON.stringify(res.body ?? null))) as Record<string, unknown>;
      delete body.requestId;
      return { status: res.status, headers: JSON.parse(scrub(JSON.stringify(headers))), body };
    }

    it('finds the case routes', () => {
      expect(caseRoutes().length).toBeGreaterThanOrEqual(4);
    });

    it.each(ROLES as readonly Role[])('a %s without the DA permission, of an agency not involved, gets identical 404s', async (role) => {
      const outsider = await mint({ role, userId: `${role}-probe`, agency: 'elsewhere' });
      for (const route of caseRoutes()) {
        const [method, path] = route.split(' ') as [string, string];
        for (const restrictedId of restrictedIds) {
          // A well-formed id of the same type and length that no case has.
          const missingId = `${restrictedId.slice(0, restrictedId.length - 36)}${randomUUID()}`;
          const call = (caseId: string) => {
            // Valid queries where a route needs one, so the answer is about the case, not the query.
            const url = `${path.replace(':caseId', caseId)}${path.endsWith('/diff') ? '?from=0&to=1' : ''}`;
            const req = method === 'POST' ? api.http().post(url).send(logIncident('probe')) : api.http().get(url);
            return req.set(bearer(outsider));
          };
          const [restricted, missing] = [await call(restrictedId), await call(missingId)];
          const allowed = ROLE_ACTIONS[role];
          expect({ route, restricted: restricted.status }).toEqual({ route, restricted: expect.any(Number) });
          expect(restricted.status).not.toBe(200);
          expect({ route, role, ...shape(restricted, restrictedId) }).toEqual({ route, role, ...shape(missing, missingId) });
          // The API says why; the web console's pages (session, not bearer) answer in HTML, identically too.
          if (path.startsWith('/api/') && restricted.status !== 403) expect({ route, role, code: restricted.body.code }).toEqual({ route, role, code: 'CASE_NOT_FOUND' });
          else expect(allowed.length).toBeGreaterThan(0); // 403 only for a role the matrix refuses the action
        }
      }
    });

    it('the case list and the queues never name a restricted case to an outsider', async () => {
      const outsider = await mint({ role: 'admin', userId: 'admin-probe', agency: 'elsewhere' });
      for (const url of ['/api/cases', '/api/cases?type=da-referral', '/api/queues/escalations', '/api/caseloads']) {
        const res = await api.http().get(url).set(bearer(outsider));
        expect({ url, status: res.status }).toEqual({ url, status: 200 });
        for (const id of restrictedIds) expect({ url, found: JSON.stringify(res.body).includes(id) }).toEqual({ url, found: false });
      }
    });
  });

  it('no personal data reached a log line during all of the above', () => {
    const text = logs.join('\n');
    expect(logs.length).toBeGreaterThan(20);
    for (const value of PERSONAL) expect({ value, found: text.includes(value) }).toEqual({ value, found: false });
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no bearer token either
  });
});

describe('security: per-user rate limit', () => {
  let api: TestApi;
  const LIMIT = 5;

  beforeAll(async () => {
    api = await startTestApi('sqlite', undefined, { env: { ...TOKEN_ENV, CASETRAIL_RATE_LIMIT: String(LIMIT), CASETRAIL_RATE_LIMIT_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => api.close());

  const as = (principal: Partial<Principal> & Pick<Principal, 'role' | 'userId'>) => mint({ agency: 'tmbc', ...principal });

  it('answers the request over CASETRAIL_RATE_LIMIT with 429 problem+json and Retry-After, counting per user over all routes', async () => {
    const alice = await as({ role: 'caseworker', userId: 'alice' });
    const opened = await api.http().post('/api/cases').set(bearer(alice)).send(asbReport());
    expect(opened.status).toBe(201);
    for (let i = 1; i < LIMIT; i += 1) {
      const res = await api.http().get(i % 2 ? '/api/cases' : `/api/cases/${opened.body.caseId}`).set(bearer(alice));
      expect(res.status).toBe(200);
    }
    const over = await api.http().post(`/api/cases/${opened.body.caseId}/commands`).set(bearer(alice)).send(logIncident('over-the-limit'));
    expectProblem(over, 429, 'RATE_LIMITED');
    const retryAfter = Number(over.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(over.body).toMatchObject({ limit: LIMIT, windowSeconds: 60 });

    // Another user from the same address is not held back by alice...
    const bob = await as({ role: 'caseworker', userId: 'bob' });
    const history = await api.http().get(`/api/cases/${opened.body.caseId}/history`).set(bearer(bob));
    expect(history.status).toBe(200);
    // ...and the refused command wrote nothing.
    expect(JSON.stringify(history.body)).not.toContain('over-the-limit');
    // A new token for alice is still alice.
    const again = await as({ role: 'caseworker', userId: 'alice' });
    expectProblem(await api.http().get('/api/cases').set(bearer(again)), 429, 'RATE_LIMITED');
  });

  it('limits public routes per address; a bad token is answered 401 by the AuthGuard before any limit', async () => {
    const answers = [];
    for (let i = 0; i <= LIMIT; i += 1) answers.push((await api.http().get('/health/live')).status);
    expect(answers.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(answers[LIMIT]).toBe(429);
    expect((await api.http().get('/api/cases').set(bearer('not-a-token'))).status).toBe(401);
    const carol = await as({ role: 'manager', userId: 'carol' });
    expect((await api.http().get('/api/cases').set(bearer(carol))).status).toBe(200);
  });
});
