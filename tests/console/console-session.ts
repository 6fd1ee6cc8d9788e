import request from 'supertest';
import type { TestApi } from '../support/api-app';

/** A browser-like client over supertest: keeps cookies, reads each page's CSRF token. */
export interface ConsoleClient {
  agent: ReturnType<typeof request.agent>;
  /** GET a page; remembers its CSRF token and form key for the next post. */
  get(path: string): Promise<request.Response>;
  /** POST a form with the last page's CSRF token (unless the fields give one). */
  post(path: string, fields: Record<string, string | string[]>): Promise<request.Response>;
  lastPage: string;
}

export function consoleClient(api: TestApi): ConsoleClient {
  const agent = request.agent(api.app.getHttpServer());
  const client: ConsoleClient = {
    agent,
    lastPage: '',
    async get(path) {
      const res = await agent.get(path);
      client.lastPage = res.text;
      return res;
    },
    async post(path, fields) {
      const hidden = Object.fromEntries(['_csrf', '_key', '_revision'].map((name) => [name, hiddenValue(client.lastPage, name)]).filter(([, v]) => v !== undefined));
      const res = await agent.post(path).type('form').send({ ...hidden, ...fields });
      client.lastPage = res.text;
      return res;
    },
  };
  return client;
}

export function hiddenValue(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
}

export async function signInAs(api: TestApi, user: string): Promise<ConsoleClient> {
  const client = consoleClient(api);
  await client.get('/sign-in');
  const res = await client.post('/sign-in', { user });
  if (res.status !== 303) throw new Error(`sign-in as ${user} answered ${res.status}`);
  return client;
}

/** The fields of the ASB opening form for a realistic report. */
export const asbReportForm = (overrides: Record<string, string> = {}): Record<string, string> => ({
  reportingAgency: 'tmbc',
  category: 'noise',
  'victims[0].kind': 'person',
  'victims[0]~0.0.givenName': 'Jane',
  'victims[0]~0.0.familyName': 'Doe',
  'victims[0]~0.0.contact.phone': '07700 900123',
  'location.address': '12 Acacia Avenue, Tonbridge',
  'perpetrators[0].perpetratorId': 'p1',
  'perpetrators[0].description': 'Neighbour at number 14',
  'firstIncident.incidentId': 'i1',
  'firstIncident.behaviourDate': '2026-02-27',
  'firstIncident.reportedDate': '2026-03-01',
  'firstIncident.description': 'Music until 3am',
  ...overrides,
});
