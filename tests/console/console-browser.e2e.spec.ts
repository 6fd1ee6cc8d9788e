import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApi, TestApi } from '../support/api-app';
import { caseIdFrom, eventTypes, logIncidentThroughApi, missTriageDeadline } from './console-api-helpers';
import { accessibilityProblems, consoleContext, describeWithChromium, launchChromium, screenshot } from './chromium';

jest.setTimeout(60_000);

/**
 * The console in Debian's Chromium: one journey per role, JavaScript off for the caseworker (the
 * core journeys must work without it) and on for the others. Every page visited is checked for
 * the basics of accessibility and saved as a screenshot.
 */
describeWithChromium('web console in Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let signInChecked = false;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi('sqlite'), launchChromium()]);
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function signIn(user: string, javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
    const context = await consoleContext(browser, { javaScriptEnabled, baseURL: base });
    const page = await context.newPage();
    await page.goto('/');
    if (!signInChecked) await expectAccessible(page, 'sign-in');
    signInChecked = true;
    await page.locator(`input[name=user][value="${user}"]`).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    return { context, page };
  }

  async function expectAccessible(page: Page, shot: string): Promise<void> {
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, shot);
  }

  it('caseworker, without JavaScript: opens an ASB case, sends a command, sees a validation error and a concurrent change', async () => {
    const { context, page } = await signIn('caseworker', false);
    await expectAccessible(page, 'my-cases');
    await page.getByRole('link', { name: 'New case' }).first().click();
    await page.getByRole('link', { name: 'Report anti-social behaviour' }).click();
    await expectAccessible(page, 'new-asb-case');
    await page.locator('#f-category').selectOption('noise');
    await page.locator('#f-victims-0-kind').check();
    await page.locator('#f-victims-0-0-0-givenName').fill('Jane');
    await page.locator('#f-victims-0-0-0-familyName').fill('Doe');
    await page.locator('#f-location-address').fill('12 Acacia Avenue');
    await page.locator('#f-firstIncident-behaviourDate').fill('2026-02-27');
    await page.locator('#f-firstIncident-reportedDate').fill('2026-03-01');
    await page.locator('#f-firstIncident-description').fill('Music until 3am');
    await page.getByRole('button', { name: 'Open the case' }).click();
    expect(await page.locator('h1').innerText()).toContain('Reported');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Case opened.');
    await expectAccessible(page, 'case-page');
    const caseId = caseIdFrom(page.url());

    await page.getByRole('link', { name: 'Log incident' }).click();
    await page.locator('#f-incidentId').fill('i2');
    await page.locator('#f-behaviourDate').fill('2026-03-01');
    await page.locator('#f-reportedDate').fill('2026-03-02');
    await page.getByRole('button', { name: 'Log incident' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter description');
    expect(await page.locator('#f-description-error').innerText()).toContain('Enter description');
    await expectAccessible(page, 'validation-error');
    await page.locator('#f-description').fill('Shouting in the street');
    await page.getByRole('button', { name: 'Log incident' }).click();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Log incident: recorded.');
    expect(await page.locator('.app-timeline').innerText()).toContain('Incident i2 logged');

    await page.getByRole('link', { name: 'Record risk assessment' }).click();
    await page.locator('#f-level').check();
    await page.locator('#f-answers-0-question').fill('Is the victim vulnerable?');
    await page.locator('#f-answers-0-answer').fill('Yes');
    await logIncidentThroughApi(api, caseId, 'i7');
    await page.getByRole('button', { name: 'Record risk assessment' }).click();
    expect(await page.locator('h1').innerText()).toBe('This case changed since you opened it');
    expect(await page.locator('main').innerText()).toContain('Incident i7 logged by someone.else');
    expect(await eventTypes(api, caseId)).not.toContain('RiskAssessed');
    await expectAccessible(page, 'case-changed');
    await context.close();
  });

  /** Fills a generated form field by its name, whatever control the schema made of it. */
  async function setField(page: Page, name: string, value: string): Promise<void> {
    const control = page.locator(`main [name="${name}"]`);
    const kind = await control.first().evaluate((el: { tagName: string; getAttribute(n: string): string | null }) => `${el.tagName}:${el.getAttribute('type') ?? ''}`);
    if (kind.startsWith('SELECT')) await control.selectOption(value);
    else if (kind.endsWith(':radio')) await page.locator(`main [name="${name}"][value="${value}"]`).check();
    else await control.fill(value);
  }

  async function fillForm(page: Page, fields: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(fields)) await setField(page, name, value);
  }

  it('caseworker: escalates an ASB case to a CPW and then, when the warning is ignored, a CPN', async () => {
    const { context, page } = await signIn('caseworker', true);
    await page.goto('/cases/new/asb');
    await fillForm(page, {
      category: 'noise', 'victims[0].kind': 'person', 'victims[0]~0.0.givenName': 'Jane', 'victims[0]~0.0.familyName': 'Doe', 'location.address': '12 Acacia Avenue',
      'firstIncident.behaviourDate': '2026-02-27', 'firstIncident.reportedDate': '2026-03-01', 'firstIncident.description': 'Music until 3am',
    });
    await page.getByRole('button', { name: 'Open the case' }).click();
    const asbCaseId = caseIdFrom(page.url());
    for (const incidentId of ['i2', 'i3']) {
      await page.locator('a[href$="/actions/LogIncident"]').click();
      await fillForm(page, { incidentId, behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: 'Music again after midnight' });
      await page.getByRole('button', { name: 'Log incident' }).click();
      expect(await page.locator('.app-timeline').innerText()).toContain(`Incident ${incidentId} logged`);
    }

    await page.goto('/cases/new');
    await expectAccessible(page, 'new-case-types');
    await page.goto('/cases/new/cpw-cpn');
    await fillForm(page, {
      'recipient.kind': 'individual', 'recipient~0.0.name': 'Pat Neighbour', 'recipient~0.0.address': '14 Acacia Avenue', 'recipient~0.0.dateOfBirth': '1980-01-01',
      'conduct.narrative': 'Loud music most nights', asbCaseId,
    });
    await expectAccessible(page, 'new-cpw-cpn-case');
    await page.getByRole('button', { name: 'Open the case' }).click();
    const cpwCase = caseIdFrom(page.url());
    const issuer = { 'issuer.issuerType': 'council', 'issuer.issuerId': 'o1', 'issuer.name': 'Casey Caseworker', 'issuer.agency': 'tmbc' };
    await page.locator('a[href$="/actions/IssueCpw"]').click();
    await fillForm(page, {
      ...issuer,
      ...Object.fromEntries(['detrimentalEffect', 'persistentOrContinuing', 'unreasonable'].flatMap((l) => [[`s43Test.${l}.met`, 'yes'], [`s43Test.${l}.note`, 'Neighbours kept awake']])),
      'requirements[0].requirementId': 'r1', 'requirements[0].kind': 'stop', 'requirements[0].text': 'Stop playing amplified music after 11pm',
      'timeToComply.kind': 'days', 'timeToComply~0.0.days': '14', statesCpnWillFollow: 'yes',
    });
    await expectAccessible(page, 'issue-cpw');
    await page.locator('main form button.govuk-button').last().click();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('recorded.');
    await expectAccessible(page, 'cpw-issued');

    api.clock.now = new Date('2026-03-20T10:00:00.000Z');
    try {
      await page.locator('a[href$="/actions/RecordConductAfterWarning"]').click();
      await fillForm(page, { conductContinued: 'yes', note: 'Music continued' });
      await page.locator('main form button.govuk-button').last().click();
      await page.locator('a[href$="/actions/IssueCpn"]').click();
      await fillForm(page, { ...issuer, requirementIds: 'r1', 'appropriateBodiesInformed[0].body': 'kent-police', 'appropriateBodiesInformed[0].informedOn': '2026-03-19' });
      await expectAccessible(page, 'issue-cpn');
      await page.locator('main form button.govuk-button').last().click();
      expect(await page.locator('h1').innerText()).toMatch(/CPN in force/);
      await expectAccessible(page, 'cpn-issued');
      expect(await eventTypes(api, cpwCase)).toEqual(expect.arrayContaining(['CpwIssued', 'CpnIssued']));
    } finally {
      api.clock.now = new Date('2026-03-02T10:00:00.000Z');
    }
    await context.close();
  });

  it('manager: sees the missed deadline in the queue, reassigns it, and reads the dashboard', async () => {
    const { context: cw } = await signIn('caseworker', false);
    const opener = cw.pages()[0]!;
    await opener.goto('/cases/new/asb');
    await opener.locator('#f-category').selectOption('harassment');
    await opener.locator('#f-victims-0-kind').check();
    await opener.locator('#f-victims-0-0-0-givenName').fill('Sam');
    await opener.locator('#f-victims-0-0-0-familyName').fill('Smith');
    await opener.locator('#f-location-address').fill('3 Mill Lane');
    await opener.locator('#f-firstIncident-behaviourDate').fill('2026-03-01');
    await opener.locator('#f-firstIncident-reportedDate').fill('2026-03-01');
    await opener.locator('#f-firstIncident-description').fill('Abuse shouted in the street');
    await opener.getByRole('button', { name: 'Open the case' }).click();
    const caseId = caseIdFrom(opener.url());
    await cw.close();
    const position = await missTriageDeadline(api, caseId);

    const { context, page } = await signIn('manager', true);
    await page.goto(`/queue?after=${position}`);
    await expectAccessible(page, 'escalation-queue');
    const row = page.locator('tr', { hasText: 'ASB triage (risk assessment) deadline missed' }).first();
    expect(await row.locator('.govuk-tag').innerText()).toMatch(/late/i);
    await row.locator('input[name=caseworkerId]').fill('casey.caseworker');
    await row.getByRole('button', { name: 'Assign' }).click();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(`Case ${caseId} assigned.`);
    expect(await page.locator('tr', { hasText: caseId.slice(4, 12) }).first().innerText()).toContain('casey.caseworker');
    await screenshot(page, 'escalation-queue-reassigned');

    await page.getByRole('link', { name: 'Dashboard' }).click();
    expect(await page.locator('svg[role=img]').count()).toBe(4);
    await expectAccessible(page, 'dashboard');
    await page.getByRole('link', { name: 'Partnership report' }).click();
    await page.getByRole('button', { name: 'Show the report' }).click();
    await expectAccessible(page, 'partnership-report');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the report as CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^partnership-report-.*\.csv$/);
    await context.close();
    api.clock.now = new Date('2026-03-02T10:00:00.000Z');
  });

  it('domestic-abuse caseworker: a referral with the DASH checklist that routes to MARAC; hidden from a caseworker without DA access', async () => {
    const { context, page } = await signIn('da-caseworker', true);
    await page.goto('/cases/new/da-referral');
    await page.locator('#f-source').selectOption('police');
    await page.locator('#f-victim-name').fill('Alex Example');
    await page.locator('#f-victim-dateOfBirth').fill('1990-05-01');
    await page.locator('#f-victim-address').fill('4 Station Road');
    await page.locator('#f-victim-gender').check();
    await page.locator('#f-perpetrator-name').fill('Chris Example');
    await page.locator('#f-perpetrator-relationshipToVictim').selectOption('former-partner');
    await page.locator('#f-childrenInHousehold').fill('1');
    await page.locator('#f-incidentsInLast12Months').fill('2');
    await expectAccessible(page, 'new-da-referral');
    await page.getByRole('button', { name: 'Continue to the DASH checklist' }).click();
    expect(await page.locator('h1').innerText()).toBe('DASH risk checklist');
    const caseId = caseIdFrom(page.url());
    for (let q = 1; q <= 24; q += 1) await page.locator(`input[name=q${q}][value=${q <= 15 ? 'yes' : 'no'}]`).check();
    // The score follows the answers as they are given (JavaScript on).
    expect(await page.locator('[data-dash-score]').innerText()).toBe('15');
    expect(await page.locator('[data-dash-level]').innerText()).toBe('High');
    await expectAccessible(page, 'dash-checklist');
    await page.getByRole('button', { name: 'Record the risk assessment' }).click();
    expect(await page.locator('main').innerText()).toMatch(/Risk\s+High/);
    await page.getByRole('link', { name: 'Route referral' }).click();
    await page.locator('input[name=route][value=marac]').check();
    await page.locator('input[name="~0.0.meetingDate"]').fill('2026-03-10');
    await expectAccessible(page, 'route-referral');
    await page.getByRole('button', { name: 'Route referral' }).click();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Route referral: recorded.');
    expect(await page.locator('.app-timeline').innerText()).toMatch(/MARAC/);
    await screenshot(page, 'da-case-marac');
    await context.close();

    const { context: other, page: caseworker } = await signIn('caseworker', false);
    const response = await caseworker.goto(`/cases/${caseId}`);
    expect(response?.status()).toBe(404);
    expect(await caseworker.locator('h1').innerText()).toBe('Page not found');
    expect(await caseworker.locator('main').innerText()).not.toContain('Alex Example');
    await other.close();
  });

  it('auditor: the timeline, the state as of a past revision, the chain verification and the audit pack', async () => {
    const token = await api.token({ role: 'caseworker', agency: 'tmbc' });
    const opened = await api.http().post('/api/cases').set('Authorization', `Bearer ${token}`).send({
      type: 'asb',
      data: {
        reportingAgency: 'tmbc', category: 'noise', victims: [{ kind: 'person', givenName: 'Jo', familyName: 'Bloggs', contact: {} }],
        location: { address: '9 Elm Road' }, perpetrators: [], firstIncident: { incidentId: 'i1', behaviourDate: '2026-02-27', reportedDate: '2026-03-01', description: 'Loud music' },
      },
    });
    const caseId = opened.body.caseId as string;
    const history = await api.http().get(`/api/cases/${caseId}/history`).set('Authorization', `Bearer ${await api.token({ role: 'auditor', agency: 'tmbc' })}`);
    const openedAt = (history.body.events as { recordedAt: string }[]).at(-1)!.recordedAt;
    await new Promise((resolve) => setTimeout(resolve, 5)); // the next event is recorded at a later instant
    await logIncidentThroughApi(api, caseId, 'i2');
    const { context, page } = await signIn('auditor', true);
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('link', { name: 'History, state as of a time, and differences' }).click();
    expect(await page.locator('#verification').innerText()).toContain('Hash chain verified');
    await page.locator('#revision').fill('0');
    await page.getByRole('button', { name: 'Show the state' }).click();
    expect(await page.locator('#as-of-result').innerText()).toMatch(/As of revision 0: Reported/);
    await page.locator('#from').fill('0');
    await page.getByRole('button', { name: 'Compare' }).click();
    expect(await page.locator('#diff caption').innerText()).toMatch(/From revision 0 to \d+/);
    await expectAccessible(page, 'case-history');
    // As of a past time: the moment the case was opened, before the second incident (the
    // store's recording time; the page's date-time control takes minutes, the address any instant).
    await page.goto(`/cases/${caseId}/history?asOf=${encodeURIComponent(openedAt)}`);
    expect(await page.locator('#as-of-result').innerText()).toMatch(/^As of .*: Reported \(revision \d+\)$/);
    const stateThen = await page.locator('pre.app-state').textContent();
    expect(stateThen).toContain('"i1"');
    expect(stateThen).not.toContain('"i2"');
    await expectAccessible(page, 'case-history-as-of');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'JSON' }).click();
    const pack = await download;
    expect(pack.suggestedFilename()).toMatch(new RegExp(`^audit-pack-${caseId}-r\\d+\\.json$`));
    await page.goto('/access-log');
    await expectAccessible(page, 'access-log');
    await context.close();
  });

  it('refuses a form whose CSRF token was tampered with, and moves focus to the error summary when JavaScript is on', async () => {
    const { context, page } = await signIn('caseworker', true);
    await page.goto('/cases/new/asb');
    await page.getByRole('button', { name: 'Open the case' }).click();
    // GOV.UK Frontend moves focus to the error summary so screen reader users hear it first.
    // Waited for with a selector, not a page function: the console's CSP forbids eval, which
    // Playwright's polling of a function or expression needs whenever the first check is false.
    await page.locator('.govuk-error-summary:focus').waitFor();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('There is a problem');
    await page.locator('main input[name=_csrf]').evaluate((input: { value: string }) => (input.value = 'forged'));
    await page.getByRole('button', { name: 'Open the case' }).click();
    expect(await page.locator('h1').innerText()).toBe('Your form could not be sent');
    await context.close();
  });
});
