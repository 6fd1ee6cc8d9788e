import { isConsolePath } from '../../apps/api/src/console/console-setup';
import { startTestApi, TestApi } from '../support/api-app';
import { consoleClient } from './console-session';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Pages anyone may load; every other console route needs a session (and a CSRF token to post). */
const OPEN_PAGES = new Set(['GET /', 'GET /sign-in', 'POST /sign-in', 'GET /sign-in/callback', 'GET /sign-out']);

/**
 * The console's counterpart of tests/e2e/authorisation.e2e.spec.ts: every console route the app
 * serves sends a visitor without a session to sign in, so a new page cannot be left open.
 */
describe('web console routes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(() => api.close());

  function consoleRoutes(): string[] {
    const express = api.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
    return express.router.stack
      .filter((layer) => layer.route && layer.route.path !== '/{*path}' && isConsolePath(layer.route.path))
      .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`));
  }

  it('serves the pages of issue 8 and no JSON API route among them', () => {
    const routes = consoleRoutes();
    expect(routes).toEqual(expect.arrayContaining(['GET /cases', 'GET /cases/:caseId', 'POST /cases/:caseId/actions/:command', 'GET /queue', 'GET /dashboard', 'GET /access-log']));
    expect(routes.filter((r) => r.includes('/api/'))).toEqual([]);
  });

  it('sends a visitor without a session to sign in from every page but the sign-in page', async () => {
    const guarded = consoleRoutes().filter((route) => !OPEN_PAGES.has(route));
    expect(guarded.length).toBeGreaterThan(10);
    for (const route of guarded) {
      const [method, path] = route.split(' ') as [string, string];
      const url = path.replace(':caseId', 'asb-00000000-0000-4000-8000-000000000000').replace(':command', 'LogIncident').replace(':type', 'asb');
      const client = consoleClient(api);
      const res = method === 'POST' ? await client.agent.post(url).type('form').send({}) : await client.get(url);
      expect({ route, status: res.status, location: res.headers.location }).toEqual({ route, status: 303, location: '/sign-in' });
    }
  });
});
