import { EVENT_STORE, EventStore } from '@casetrail/event-store';
import { startTestApi, TestApi } from '../support/api-app';
import { caseIdFrom, eventTypes, logIncidentThroughApi, missTriageDeadline } from './console-api-helpers';
import { asbReportForm, consoleClient, signInAs } from './console-session';

/** The web console's routes over HTTP, as a browser without JavaScript uses them (plain forms, POST-redirect-GET). */
describe('web console pages (no JavaScript needed)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(() => api.close());
  const store = () => api.app.get<symbol, EventStore>(EVENT_STORE, { strict: false });

  async function openAsbCase(user = 'caseworker'): Promise<{ client: Awaited<ReturnType<typeof signInAs>>; caseId: string }> {
    const client = await signInAs(api, user);
    await client.get('/cases/new/asb');
    const res = await client.post('/cases/new/asb', asbReportForm());
    expect(res.status).toBe(303);
    return { client, caseId: caseIdFrom(res.headers.location!) };
  }

  it('sends a visitor without a session to sign in', async () => {
    const res = await consoleClient(api).get('/cases');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sign-in');
  });

  it('signs in each demo user into HTTP-only SameSite cookies and shows only what the role may use', async () => {
    const landing: Record<string, { path: string; nav: string[]; notNav: string[] }> = {
      caseworker: { path: '/cases', nav: ['My cases', 'New case'], notNav: ['Escalation queue', 'Access log'] },
      manager: { path: '/queue', nav: ['Escalation queue', 'Dashboard', 'Partnership report'], notNav: ['Access log'] },
      auditor: { path: '/cases', nav: ['Cases', 'Access log', 'Dashboard'], notNav: ['New case', 'Escalation queue'] },
      'da-caseworker': { path: '/cases', nav: ['My cases', 'New case'], notNav: ['Access log'] },
    };
    for (const [user, expected] of Object.entries(landing)) {
      const client = consoleClient(api);
      await client.get('/sign-in');
      const signIn = await client.post('/sign-in', { user });
      expect(signIn.status).toBe(303);
      const session = (signIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('casetrail_session='))!;
      expect(session).toMatch(/HttpOnly/);
      expect(session).toMatch(/SameSite=Lax/);
      const start = await client.get('/');
      expect(start.headers.location).toBe(expected.path);
      const page = await client.get(expected.path);
      expect(page.status).toBe(200);
      expected.nav.forEach((text) => expect(page.text).toMatch(new RegExp(`>\\s*${text}\\s*<`)));
      expected.notNav.forEach((text) => expect(page.text).not.toMatch(new RegExp(`>\\s*${text}\\s*<`)));
    }
  });

  it('refuses a sign-in without a choice with an error summary', async () => {
    const client = consoleClient(api);
    await client.get('/sign-in');
    const res = await client.post('/sign-in', {});
    expect(res.status).toBe(400);
    expect(res.text).toContain('govuk-error-summary');
    expect(res.text).toContain('Select who you want to sign in as');
  });

  it('opens an ASB case through the form and shows its stage, deadline and timeline', async () => {
    const { client, caseId } = await openAsbCase();
    const page = await client.get(`/cases/${caseId}?done=Opened`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Case opened.');
    expect(page.text).toMatch(/<h1 class="govuk-heading-l">Reported/);
    expect(page.text).toContain('ASB triage due');
    expect(page.text).toMatch(/due in \d+ (day|hour)/);
    expect(page.text).toContain('ASB report (noise) opened by casey.caseworker');
    expect(page.text).toContain(`/cases/${caseId}/actions/LogIncident`);
  });

  it('writes a form sent twice (a double click, a retry) once', async () => {
    const client = await signInAs(api, 'caseworker');
    const page = await client.get('/cases/new/asb');
    const first = await client.post('/cases/new/asb', asbReportForm());
    client.lastPage = page.text;
    const second = await client.post('/cases/new/asb', asbReportForm());
    expect(second.headers.location).toBe(first.headers.location);
    expect(await eventTypes(api, caseIdFrom(first.headers.location!))).toEqual(['AsbReported', 'IncidentLogged', 'DeadlineScheduled']);
  });

  it('shows missing fields in the error summary and inline, naming each field, and writes nothing', async () => {
    const client = await signInAs(api, 'caseworker');
    await client.get('/cases/new/asb');
    const head = await store().headPosition();
    const res = await client.post('/cases/new/asb', asbReportForm({ 'victims[0]~0.0.familyName': '', 'firstIncident.description': '' }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain('href="#f-victims-0-0-0-familyName"');
    expect(res.text).toMatch(/Enter victim 1 family name/);
    expect(res.text).toMatch(/Enter first incident description/);
    expect(res.text).toContain('govuk-error-message');
    // What was typed is kept.
    expect(res.text).toContain('value="12 Acacia Avenue, Tonbridge"');
    expect(await store().headPosition()).toBe(head);
  });

  it('sends a command from its action form and shows it on the case page', async () => {
    const { client, caseId } = await openAsbCase();
    await client.get(`/cases/${caseId}/actions/LogIncident`);
    const res = await client.post(`/cases/${caseId}/actions/LogIncident`, {
      incidentId: 'i2', behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: 'Shouting in the street', reportingAgency: 'tmbc',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/cases/${caseId}?done=LogIncident`);
    const page = await client.get(res.headers.location!);
    expect(page.text).toContain('Log incident: recorded.');
    expect(page.text).toContain('Incident i2 logged');
  });

  it('caseworker journey: an ASB case with incidents escalated to a CPW and then a CPN, all through forms', async () => {
    const { client, caseId: asbCaseId } = await openAsbCase();
    await client.get(`/cases/${asbCaseId}/actions/LogIncident`);
    expect((await client.post(`/cases/${asbCaseId}/actions/LogIncident`, { incidentId: 'i2', behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: 'Music again', reportingAgency: 'tmbc' })).status).toBe(303);
    await client.get('/cases/new/cpw-cpn');
    const opened = await client.post('/cases/new/cpw-cpn', {
      'recipient.kind': 'individual', 'recipient~0.0.name': 'Pat Neighbour', 'recipient~0.0.address': '14 Acacia Avenue', 'recipient~0.0.dateOfBirth': '1980-01-01', 'conduct.narrative': 'Loud music most nights', asbCaseId,
    });
    expect(opened.status).toBe(303);
    const cpwCase = caseIdFrom(opened.headers.location!);
    const limbs = Object.fromEntries(['detrimentalEffect', 'persistentOrContinuing', 'unreasonable'].flatMap((l) => [[`s43Test.${l}.met`, 'yes'], [`s43Test.${l}.note`, 'Neighbours kept awake']]));
    const issuer = { 'issuer.issuerType': 'council', 'issuer.issuerId': 'o1', 'issuer.name': 'Casey Caseworker', 'issuer.agency': 'tmbc' };
    await client.get(`/cases/${cpwCase}/actions/IssueCpw`);
    const cpw = await client.post(`/cases/${cpwCase}/actions/IssueCpw`, {
      ...issuer, ...limbs, 'requirements[0].requirementId': 'r1', 'requirements[0].kind': 'stop', 'requirements[0].text': 'Stop playing amplified music after 11pm',
      'timeToComply.kind': 'days', 'timeToComply~0.0.days': '14', statesCpnWillFollow: 'yes',
    });
    expect(cpw.text.match(/govuk-error-summary__list[\s\S]*?<\/ul>/)?.[0]).toBeUndefined();
    expect(cpw.status).toBe(303);
    // Too early: the rule is named.
    await client.get(`/cases/${cpwCase}/actions/IssueCpn`);
    const early = await client.post(`/cases/${cpwCase}/actions/IssueCpn`, { ...issuer, requirementIds: 'r1', 'appropriateBodiesInformed[0].body': 'kent-police', 'appropriateBodiesInformed[0].informedOn': '2026-03-02' });
    expect(early.status).toBe(422);
    expect(early.text).toContain('Rule: CPN_REQUIRES_EXPIRED_CPW');
    api.clock.now = new Date('2026-03-20T10:00:00.000Z');
    try {
      await client.get(`/cases/${cpwCase}/actions/RecordConductAfterWarning`);
      expect((await client.post(`/cases/${cpwCase}/actions/RecordConductAfterWarning`, { conductContinued: 'yes', note: 'Music continued' })).status).toBe(303);
      await client.get(`/cases/${cpwCase}/actions/IssueCpn`);
      const cpn = await client.post(`/cases/${cpwCase}/actions/IssueCpn`, { ...issuer, requirementIds: 'r1', 'appropriateBodiesInformed[0].body': 'kent-police', 'appropriateBodiesInformed[0].informedOn': '2026-03-19' });
      expect(cpn.status).toBe(303);
      const page = await client.get(cpn.headers.location!);
      expect(page.text).toMatch(/<h1 class="govuk-heading-l">CPN in force/);
      expect(await eventTypes(api, cpwCase)).toEqual(expect.arrayContaining(['CpwIssued', 'CpnIssued']));
    } finally {
      api.clock.now = new Date('2026-03-02T10:00:00.000Z');
    }
  });

  it('names the rule when a command is refused by one (422) and writes nothing', async () => {
    const { client, caseId } = await openAsbCase();
    const before = await eventTypes(api, caseId);
    await client.get(`/cases/${caseId}/actions/LogIncident`);
    const res = await client.post(`/cases/${caseId}/actions/LogIncident`, {
      incidentId: 'i2', behaviourDate: '2026-03-02', reportedDate: '2026-03-01', description: 'Dated the wrong way round', reportingAgency: 'tmbc',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('govuk-error-summary');
    expect(res.text).toContain('Rule: ASB_INCIDENT_REPORTED_BEFORE_BEHAVIOUR');
    expect(await eventTypes(api, caseId)).toEqual(before);
  });

  it('says "This case changed since you opened it" when someone else changed the case meanwhile, and overwrites nothing', async () => {
    const { client, caseId } = await openAsbCase();
    await client.get(`/cases/${caseId}/actions/RecordRiskAssessment`);
    await logIncidentThroughApi(api, caseId, 'i9');
    const before = await eventTypes(api, caseId);
    const res = await client.post(`/cases/${caseId}/actions/RecordRiskAssessment`, {
      level: 'high', 'answers[0].question': 'Is the victim vulnerable?', 'answers[0].answer': 'Yes',
    });
    expect(res.status).toBe(409);
    expect(res.text).toContain('This case changed since you opened it');
    expect(res.text).toContain('Incident i9 logged by someone.else');
    // The form comes back with what was typed and the new revision, to send again knowingly.
    expect(res.text).toContain('value="Is the victim vulnerable?"');
    expect(await eventTypes(api, caseId)).toEqual(before);
    const again = await client.post(`/cases/${caseId}/actions/RecordRiskAssessment`, {
      level: 'high', 'answers[0].question': 'Is the victim vulnerable?', 'answers[0].answer': 'Yes',
    });
    expect(again.status).toBe(303);
    expect(await eventTypes(api, caseId)).toContain('RiskAssessed');
  });

  it('refuses a form post without a valid CSRF token and writes nothing', async () => {
    const { client, caseId } = await openAsbCase();
    const before = await eventTypes(api, caseId);
    const fields = { incidentId: 'i3', behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: 'x', reportingAgency: 'tmbc', _revision: '2' };
    const missing = await client.agent.post(`/cases/${caseId}/actions/LogIncident`).type('form').send(fields);
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('Your form could not be sent');
    // A token from another session is no good either.
    const other = await signInAs(api, 'caseworker');
    await other.get('/cases');
    const stolen = /name="_csrf" value="([^"]+)"/.exec(other.lastPage)![1]!;
    const forged = await client.agent.post(`/cases/${caseId}/actions/LogIncident`).type('form').send({ ...fields, _csrf: stolen });
    expect(forged.status).toBe(403);
    expect(await eventTypes(api, caseId)).toEqual(before);
  });

  it('keeps a domestic-abuse case from a caseworker without DA access, by URL and in lists', async () => {
    const da = await signInAs(api, 'da-caseworker');
    await da.get('/cases/new/da-referral');
    const opened = await da.post('/cases/new/da-referral', {
      source: 'police', referringAgency: 'tmbc-da-service', 'victim.name': 'A Person', 'victim.dateOfBirth': '1990-01-01', 'victim.address': '1 High Street',
      'victim.gender': 'female', 'perpetrator.name': 'B Person', 'perpetrator.relationshipToVictim': 'former-partner', childrenInHousehold: '0', incidentsInLast12Months: '1',
    });
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toMatch(/\/dash$/);
    const caseId = caseIdFrom(opened.headers.location!);
    // Without JavaScript, "Work out the score" shows the DASH score and its level (policy cut-offs).
    await da.get(opened.headers.location!);
    const answers = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`q${i + 1}`, i < 11 ? 'yes' : 'no']));
    const scored = await da.post(`/cases/${caseId}/dash`, { ...answers, intent: 'score' });
    expect(scored.text).toMatch(/<span data-dash-score>11<\/span> of 24 answered/);
    expect(scored.text).toMatch(/<strong data-dash-level>Medium<\/strong>/);
    expect(await eventTypes(api, caseId)).not.toContain('RiskAssessed');
    const caseworker = await signInAs(api, 'caseworker');
    const byUrl = await caseworker.get(`/cases/${caseId}`);
    expect(byUrl.status).toBe(404);
    expect(byUrl.text).not.toContain('A Person');
    expect((await caseworker.get(`/cases/${caseId}/history`)).status).toBe(404);
    expect((await caseworker.get('/cases/new/da-referral')).status).toBe(404);
    const list = await caseworker.get('/cases?type=da-referral');
    expect(list.text).not.toContain(caseId.slice(12, 20));
  });

  it('shows a manager the late case in the escalation queue and reassigns it', async () => {
    const { caseId } = await openAsbCase();
    const position = await missTriageDeadline(api, caseId);
    const manager = await signInAs(api, 'manager');
    const queue = await manager.get(`/queue?after=${position}&overdue=true`);
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('ASB triage (risk assessment) deadline missed');
    expect(queue.text).toMatch(/app-late">1 hour late/);
    const assigned = await manager.post('/queue/assign', { caseId, caseworkerId: 'casey.caseworker', _assignee: '' });
    expect(assigned.status).toBe(303);
    const after = await manager.get(assigned.headers.location!);
    expect(after.text).toContain(`Case ${caseId} assigned.`);
    expect(await eventTypes(api, caseId)).toContain('CaseAssigned');
    // Reassigning from a stale queue (it showed nobody) is refused, not silently overwritten.
    const stale = await manager.post('/queue/assign', { caseId, caseworkerId: 'other.person', _assignee: '' });
    expect(stale.text).toContain('This case changed since you opened the queue');
    api.clock.now = new Date('2026-03-02T10:00:00.000Z');
  });

  it('shows the dashboard charts as SVG with text alternatives, and the partnership report as CSV', async () => {
    const manager = await signInAs(api, 'manager');
    const dashboard = await manager.get('/dashboard');
    expect(dashboard.status).toBe(200);
    for (const title of ['Cases by stage', 'Cases opened each month, by type', 'Domestic-abuse referrals by risk', 'Community Protection Warnings and Notices']) {
      expect(dashboard.text).toContain(title);
    }
    expect(dashboard.text.match(/<svg viewBox[^>]*role="img"/g)).toHaveLength(4);
    expect(dashboard.text).toMatch(/<desc id="by-stage-desc">Cases by stage: \d+ in all/);
    expect(dashboard.text).toContain('CPW to CPN conversion');
    const report = await manager.get('/report?from=2026-01-01&to=2026-12-31');
    expect(report.text).toContain('Download the report as CSV');
    const csv = await manager.agent.get('/report/download?from=2026-01-01&to=2026-12-31');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toContain('attachment; filename="partnership-report-2026-01-01-to-2026-12-31.csv"');
    expect(csv.text.split('\r\n')[0]).toBe('section,measure,dimension,value');
    const bad = await manager.get('/report?from=2026-12-31&to=2026-01-01');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('govuk-error-summary');
  });

  it('gives an auditor the timeline, the state as of a revision, a diff, the chain verification and the audit pack', async () => {
    const { client, caseId } = await openAsbCase();
    await client.get(`/cases/${caseId}/actions/LogIncident`);
    await client.post(`/cases/${caseId}/actions/LogIncident`, { incidentId: 'i2', behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: 'More noise', reportingAgency: 'tmbc' });
    const auditor = await signInAs(api, 'auditor');
    const history = await auditor.get(`/cases/${caseId}/history?revision=0&from=0&to=3`);
    expect(history.status).toBe(200);
    expect(history.text).toContain('Hash chain verified');
    expect(history.text).toMatch(/As of revision 0: Reported/);
    expect(history.text).toMatch(/From revision 0 to 3: \d+ changes?/);
    expect(history.text).toContain('Incident i2 logged');
    // asOf is compared with when the store recorded each event (the real clock, not the test's).
    const asOf = await auditor.get(`/cases/${caseId}/history?asOf=2099-01-01T12:00`);
    expect(asOf.text).toMatch(/As of 1 January 2099 at 12:00pm: Reported/);
    expect((await auditor.get(`/cases/${caseId}/history?asOf=2020-01-01T12:00`)).text).toContain('The case did not exist yet at that time.');
    expect((await auditor.get(`/cases/${caseId}/history?asOf=not-a-time`)).text).toContain('govuk-error-summary');
    const pack = await auditor.agent.get(`/cases/${caseId}/audit-pack?format=json`);
    expect(pack.status).toBe(200);
    expect(pack.headers['content-disposition']).toMatch(/^attachment; filename="audit-pack-asb-/);
    expect(JSON.parse(pack.text)).toMatchObject({ caseId, verification: { intact: true } });
    // An auditor changes nothing: no actions are offered, and a post is refused.
    const page = await auditor.get(`/cases/${caseId}`);
    expect(page.text).toContain('There is nothing you can do on this case now.');
    const refused = await auditor.post(`/cases/${caseId}/actions/LogIncident`, { incidentId: 'i5', behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: 'x', reportingAgency: 'tmbc', _revision: '3' });
    expect(refused.status).toBe(403);
  });

  it('lists reads of restricted cases in the access log for an auditor only', async () => {
    const auditor = await signInAs(api, 'auditor');
    const log = await auditor.get('/access-log');
    expect(log.status).toBe(200);
    expect(log.text).toContain('<h1 class="govuk-heading-l">Access log</h1>');
    const caseworker = await signInAs(api, 'caseworker');
    expect((await caseworker.get('/access-log')).status).toBe(403);
  });

  it('answers a malformed case id or filter with an error page, never a 5xx', async () => {
    const client = await signInAs(api, 'caseworker');
    expect((await client.get('/cases/not-a-case')).status).toBe(404);
    expect((await client.get('/cases?risk=extreme')).status).toBe(400);
    expect((await client.get('/cases/asb-00000000-0000-4000-8000-000000000000/actions/Nope')).status).toBe(404);
  });

  it('still takes only JSON on the API', async () => {
    const token = await api.token({ role: 'caseworker' });
    const res = await api.http().post('/api/cases').set('Authorization', `Bearer ${token}`).type('form').send({ type: 'asb' });
    expect(res.status).toBe(415);
  });
});
