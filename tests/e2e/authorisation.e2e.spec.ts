import { ROLE_ACTIONS } from '../../apps/api/src/auth/access-policy';
import { Action, Role, ROLES } from '../../apps/api/src/auth/principal';
import { isConsolePath } from '../../apps/api/src/console/console-setup';
import { startTestApi, TestApi } from '../support/api-app';
import { asbReport, logIncident } from './api-fixtures';

/**
 * Every route the running app serves must have a rule here, so a new route without one fails
 * this test. `public` routes need no token; others need the action, per docs/security.md.
 */
const ROUTE_RULES: Record<string, Action | 'public'> = {
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /api/docs-json': 'public',
  'GET /api/docs': 'public',
  // Prometheus; guarded by CASETRAIL_METRICS_TOKEN when set (tests/metrics), not by roles.
  'GET /metrics': 'public',
  'POST /api/cases': 'case.open',
  'GET /api/cases': 'case.list',
  'GET /api/cases/:caseId': 'case.read',
  'GET /api/cases/:caseId/history': 'case.history',
  'GET /api/cases/:caseId/diff': 'case.history',
  'GET /api/cases/:caseId/audit-pack': 'audit.pack',
  'POST /api/cases/:caseId/commands': 'case.command',
  'GET /api/audit/access': 'audit.access-log',
  'GET /api/queues/escalations': 'queue.read',
  'GET /api/caseloads': 'queue.read',
  'GET /api/stats': 'stats.read',
  'GET /api/reports/partnership': 'report.read',
  'GET /api/admin/jobs/failed': 'admin.jobs',
  'POST /api/admin/subjects/:subjectId/erasure': 'subject.erase',
  'GET /api/admin/cases/:caseId/subjects': 'subject.erase',
};

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

function routesOf(api: TestApi): string[] {
  const express = api.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  return express.router.stack
    // Nest's own catch-all answers unknown paths with 404; it is not an API route. The web
    // console's pages use sessions, not bearer tokens: tests/console/console-routes.e2e.spec.ts covers them.
    .filter((layer) => layer.route && layer.route.path !== '/{*path}' && !isConsolePath(layer.route.path))
    .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`));
}

describe('authorisation: every route x every role', () => {
  let api: TestApi;
  let caseId: string;
  let revision: number;
  let incidents = 0;

  beforeAll(async () => {
    api = await startTestApi('sqlite');
    const token = await api.token({ role: 'caseworker' });
    const opened = await api.http().post('/api/cases').set('Authorization', `Bearer ${token}`).send(asbReport());
    caseId = opened.body.caseId;
    revision = opened.body.revision;
  });
  afterAll(() => api.close());

  it('has a rule for every route the app serves', () => {
    const routes = routesOf(api);
    expect(routes.length).toBeGreaterThan(5);
    expect(routes.filter((route) => !(route in ROUTE_RULES))).toEqual([]);
  });

  const request = (route: string, token?: string) => {
    const [method, path] = route.split(' ') as [string, string];
    const url = path.replace(':caseId', caseId);
    const call = method === 'POST' ? api.http().post(url) : api.http().get(url);
    if (token) call.set('Authorization', `Bearer ${token}`);
    if (method === 'POST') return call.send(path.endsWith('/commands') ? logIncident(`auth-${++incidents}`) : asbReport());
    return call;
  };

  it.each(Object.keys(ROUTE_RULES))('%s answers each role as the matrix says', async (route) => {
    const action = ROUTE_RULES[route]!;
    for (const role of ROLES as readonly Role[]) {
      const token = await api.token({ role, agency: 'tmbc' });
      const res = await request(route, token);
      const allowed = action === 'public' || ROLE_ACTIONS[role].includes(action);
      expect({ route, role, status: res.status }).toEqual({ route, role, status: allowed ? expect.any(Number) : 403 });
      if (allowed) expect([401, 403, 500]).not.toContain(res.status);
    }
    const anonymous = await request(route);
    expect(anonymous.status).toBe(action === 'public' ? 200 : 401);
  });

  it('answers a restricted case with 404 to every outsider, as for a case that does not exist', async () => {
    const token = await api.token({ role: 'caseworker', agency: 'tmbc' });
    const marked = await api
      .http()
      .post(`/api/cases/${caseId}/commands`)
      .set('Authorization', `Bearer ${token}`)
      .set('If-Match', `"${(await api.http().get(`/api/cases/${caseId}`).set('Authorization', `Bearer ${token}`)).body.revision}"`)
      .send({ type: 'MarkRestricted', data: { reason: 'Witness protection' } });
    expect(marked.status).toBe(200);
    expect(revision).toBeGreaterThanOrEqual(0);
    for (const role of ROLES as readonly Role[]) {
      const outsider = await api.token({ role, agency: 'elsewhere', daAccess: false });
      for (const path of [`/api/cases/${caseId}`, `/api/cases/${caseId}/history`]) {
        const res = await api.http().get(path).set('Authorization', `Bearer ${outsider}`);
        expect({ role, path, status: res.status, code: res.body.code }).toEqual({ role, path, status: 404, code: 'CASE_NOT_FOUND' });
      }
      const command = await api.http().post(`/api/cases/${caseId}/commands`).set('Authorization', `Bearer ${outsider}`).send(logIncident('x1'));
      expect([403, 404]).toContain(command.status);
      if (ROLE_ACTIONS[role].includes('case.command')) expect(command.status).toBe(404);
    }
  });
});
