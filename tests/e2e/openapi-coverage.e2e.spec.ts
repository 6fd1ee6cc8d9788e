import { startTestApi, TestApi } from '../support/api-app';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every API route the app serves, as "get /api/cases/{caseId}", read from Express's router. */
function servedRoutes(api: TestApi): string[] {
  const router = (api.app.getHttpAdapter().getInstance() as { router: { stack: RouteLayer[] } }).router;
  return router.stack
    .filter((layer) => layer.route && /^\/(api|health)\//.test(layer.route.path))
    .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => `${method} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`))
    .filter((route) => !route.startsWith('get /api/docs'));
}

describe('the OpenAPI document', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(() => api.close());

  it('documents every API route the app serves, and no route it does not serve', async () => {
    const doc = (await api.http().get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    const served = servedRoutes(api);
    expect(served.length).toBeGreaterThan(10);
    expect([...documented].sort()).toEqual([...new Set(served)].sort());
  });

  it('takes query parameters from the zod schemas that validate them', async () => {
    const doc = (await api.http().get('/api/docs-json')).body;
    const names = (path: string) => (doc.paths[path].get.parameters as { name: string }[]).map((p) => p.name);
    expect(names('/api/queues/escalations')).toEqual(expect.arrayContaining(['reason', 'overdue', 'cursor', 'consistentWith']));
    expect(names('/api/admin/jobs/failed')).toEqual(['limit']);
    expect(names('/api/reports/partnership')).toEqual(expect.arrayContaining(['from', 'to']));
  });
});
