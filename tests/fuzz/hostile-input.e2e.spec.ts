import fc from 'fast-check';
import { AddressInfo, connect } from 'node:net';
import { CASE_TYPES } from '@casetrail/cases';
import { knownCommandTypes } from '@casetrail/workflow';
import { startTestApi, TestApi } from '../support/api-app';
import { RawHttp, RawResponse } from '../support/raw-http';
import { mint, TOKEN_ENV } from '../security/tokens';
import { OPEN_BODIES } from './open-bodies';
import { encodeSegment, hostileId, hostileJson, hostileQuery, hostileString, malformedBody, prototypePollution, toJsonText } from './hostile-values';

/**
 * Hostile input against every route and every command type of every case type (taken from the
 * case type definitions). Required: no 5xx, and every refusal RFC 9457 problem+json.
 * Reproduce a failure with CASETRAIL_FUZZ_SEED=<seed printed by fast-check>; raise the effort
 * with CASETRAIL_FUZZ_RUNS (runs per property, default 60).
 */
const seed = process.env.CASETRAIL_FUZZ_SEED ? Number(process.env.CASETRAIL_FUZZ_SEED) : undefined;
const numRuns = Number(process.env.CASETRAIL_FUZZ_RUNS ?? 60);
const settings = { numRuns, ...(seed !== undefined ? { seed } : {}) };

jest.setTimeout(120_000);

/** The answer is not a 5xx, and a refusal is problem+json with type, title, status and code. */
function checkAnswer(what: string, res: RawResponse): void {
  if (res.status >= 500) throw new Error(`${what} answered ${res.status}: ${res.text.slice(0, 300)}`);
  if (res.status < 400) return;
  // The web console's pages answer people in browsers, in HTML; the API and health checks in problem+json.
  if (!/^(POST|GET|PUT|PATCH|DELETE) \/(api|health)\//.test(what) && String(res.headers['content-type']).startsWith('text/html')) return;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) throw new Error(`${what} answered ${res.status} as ${type}: ${res.text.slice(0, 200)}`);
  const body = res.json() as Record<string, unknown>;
  const complete = typeof body.type === 'string' && typeof body.title === 'string' && body.status === res.status && typeof body.code === 'string';
  if (!complete) throw new Error(`${what}: incomplete problem ${res.text.slice(0, 300)}`);
}

describe('hostile input: no 5xx, every refusal problem+json', () => {
  let api: TestApi;
  let http: RawHttp;
  let auth: Record<string, string>;
  const caseIds = new Map<string, string>();
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    api = await startTestApi('sqlite', undefined, { env: { ...TOKEN_ENV, CASETRAIL_RATE_LIMIT: '1000000000' } });
    await api.app.listen(0, '127.0.0.1');
    http = new RawHttp(`http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`);
    // An admin with the DA permission in the agency of every case: the furthest any input gets.
    auth = { Authorization: `Bearer ${await mint({ role: 'admin', userId: 'fuzz-admin', agency: 'tmbc', daAccess: true })}` };
    for (const definition of CASE_TYPES) {
      const res = await http.send({ method: 'POST', path: '/api/cases', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(OPEN_BODIES[definition.caseType]) });
      expect({ caseType: definition.caseType, status: res.status }).toEqual({ caseType: definition.caseType, status: 201 });
      caseIds.set(definition.caseType, (res.json() as { caseId: string }).caseId);
    }
    const express = api.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
    routes = express.router.stack
      .filter((layer) => layer.route && layer.route.path !== '/{*path}')
      .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => ({ method: method.toUpperCase(), path: layer.route!.path })));
  });
  afterAll(async () => {
    http?.close();
    await api?.close();
  });

  it('has an open body for every case type and finds the routes', () => {
    expect([...caseIds.keys()].sort()).toEqual(CASE_TYPES.map((d) => d.caseType).sort());
    expect(routes.length).toBeGreaterThan(10);
  });

  it('every route, with hostile ids, query strings and bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), hostileId, hostileQuery, fc.oneof(malformedBody, hostileJson.map(toJsonText)), fc.boolean(), async (pick, id, query, body, withToken) => {
        const route = routes[pick % routes.length]!;
        const path = `${route.path.replace(':caseId', id)}${query}`;
        const res = await http.send({
          method: route.method,
          path,
          headers: { ...(withToken ? auth : {}), ...(route.method === 'POST' ? { 'Content-Type': 'application/json' } : {}) },
          ...(route.method === 'POST' ? { body } : {}),
        });
        checkAnswer(`${route.method} ${path.slice(0, 200)}`, res);
      }),
      settings,
    );
  });

  it('every command type of every case type, with wrong, missing, extra and hostile data', async () => {
    const commands = CASE_TYPES.flatMap((definition) => knownCommandTypes(definition).map((type) => ({ caseType: definition.caseType, type })));
    expect(commands.length).toBeGreaterThan(40);
    const data = fc.oneof(
      hostileJson,
      fc.constant({}),
      fc.dictionary(fc.constantFrom('note', 'reason', 'description', 'date', 'level', 'outcome', 'id', 'requirementIds', 'issuer'), hostileJson, { maxKeys: 5 }),
    );
    const ifMatch = fc.option(fc.oneof(fc.constantFrom('"0"', '"1"', 'W/"1"', '"-1"', '"99999999999999999999"', '*', '"1", "2"', '""'), hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, '?').slice(0, 300))), { nil: undefined });
    const idempotencyKey = fc.option(fc.oneof(fc.uuid(), fc.string({ unit: 'binary-ascii', maxLength: 300 }).map((s) => s.replace(/[^\x20-\x7e]/g, '?'))), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...commands), fc.oneof({ weight: 4, arbitrary: data.map(toJsonText) }, { weight: 1, arbitrary: prototypePollution }), ifMatch, idempotencyKey, async (command, dataText, match, key) => {
        const path = `/api/cases/${caseIds.get(command.caseType)}/commands`;
        const body = `{"type":${JSON.stringify(command.type)},"data":${dataText}}`;
        const headers = { ...auth, 'Content-Type': 'application/json', ...(match !== undefined ? { 'If-Match': match } : {}), ...(key !== undefined ? { 'Idempotency-Key': key } : {}) };
        checkAnswer(`POST /api/cases/:caseId/commands ${command.caseType} ${command.type}`, await http.send({ method: 'POST', path, headers, body }));
      }),
      { ...settings, numRuns: numRuns * 4 },
    );
  });

  it('opening cases of every type with hostile data, and of types that do not exist', async () => {
    const caseType = fc.oneof(fc.constantFrom(...CASE_TYPES.map((d) => d.caseType)), hostileString, fc.constantFrom('__proto__', 'constructor', 'toString'));
    await fc.assert(
      fc.asyncProperty(caseType, hostileJson, async (type, data) => {
        const body = `{"type":${toJsonText(type)},"data":${toJsonText(data)}}`;
        checkAnswer(`POST /api/cases ${String(type).slice(0, 40)}`, await http.send({ method: 'POST', path: '/api/cases', headers: { ...auth, 'Content-Type': 'application/json' }, body }));
      }),
      settings,
    );
  });

  describe('bodies of 10 MB', () => {
    const tenMegabytes = `{"type":"asb","data":{"note":"${'x'.repeat(10 * 1024 * 1024)}"}}`;
    it.each([
      ['with Content-Length', false],
      ['chunked', true],
    ])('are refused with 413 problem+json (%s)', async (_how, chunked) => {
      for (const path of ['/api/cases', `/api/cases/${encodeSegment('asb-anything')}/commands`]) {
        const res = await http.send({ method: 'POST', path, headers: { ...auth, 'Content-Type': 'application/json' }, body: tenMegabytes, chunked }).catch((error: Error) => error);
        // The server may close the connection once it has answered; the answer must have come first.
        if (res instanceof Error) throw res;
        checkAnswer(`POST ${path}`, res);
        expect(res.status).toBe(413);
      }
    });

    it('are refused with 415 when they are not JSON', async () => {
      const res = await http.send({ method: 'POST', path: '/api/cases', headers: { ...auth, 'Content-Type': 'text/plain' }, body: tenMegabytes });
      checkAnswer("POST /api/cases (text/plain)", res);
      expect(res.status).toBe(415);
    });
  });

  describe('requests Node refuses before the app sees them', () => {
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(http.baseUrl).port), '127.0.0.1', () => socket.end(text));
        let answer = '';
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
      });
    it.each([
      ['a URL over the header limit', `GET /api/cases?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431],
      ['a request line that is not HTTP', 'HELLO\x00 /api/cases WHAT/9\r\n\r\n', 400],
      ['a header with no colon', 'GET /health/live HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n', 400],
    ])('%s gets problem+json', async (_name, request, status) => {
      const answer = await raw(request);
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(body!)).toMatchObject({ status, code: expect.any(String), type: expect.any(String), title: expect.any(String) });
    });
  });

  it('the cases opened for the fuzz are still readable and whole afterwards', async () => {
    for (const [caseType, caseId] of caseIds) {
      const res = await http.send({ method: 'GET', path: `/api/cases/${caseId}/history`, headers: auth });
      expect({ caseType, status: res.status }).toEqual({ caseType, status: 200 });
    }
    const verify = await http.send({ method: 'GET', path: '/health/ready' });
    expect(verify.status).toBe(200);
  });
});
