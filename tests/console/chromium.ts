import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { describeUnless } from '../support/services';

/**
 * Debian's Chromium, never a browser a test tool downloads (.ci/run installs the `chromium` package).
 * Treated like PostgreSQL and Redis (tests/support/services.ts): missing, its suites are skipped with
 * the reason, or fail the run under CASETRAIL_REQUIRE_SERVICES=1.
 */
export const CHROMIUM_PATH = process.env.CASETRAIL_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the page screenshots go (README: "Web console"); test-artifacts/ is ignored by git. */
export const SCREENSHOT_DIR = resolve(process.env.CASETRAIL_CONSOLE_SCREENSHOTS ?? join(__dirname, '..', '..', 'test-artifacts', 'console'));

export function describeWithChromium(name: string, body: () => void): void {
  const missing = existsSync(CHROMIUM_PATH) ? undefined : `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CASETRAIL_CHROMIUM_PATH)`;
  describeUnless(missing, name, body);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Contexts opened with JavaScript off: axe cannot run in their pages (see accessibilityProblems). */
const withoutJavaScript = new WeakSet<BrowserContext>();

/** A browser context for the console, remembering whether its pages run JavaScript. */
export async function consoleContext(browser: Browser, options: { baseURL: string; javaScriptEnabled: boolean }): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, acceptDownloads: true });
  if (!options.javaScriptEnabled) withoutJavaScript.add(context);
  return context;
}

/**
 * axe-core (through @axe-core/playwright) on the page as it is now, against WCAG 2.2 A and AA and
 * axe's best practices. Returns the serious and critical violations, one line each naming the rule
 * and the elements; empty when there are none. A page shown with JavaScript off cannot run axe, so
 * its document, as the server sent it and without its scripts, is loaded at the same address in a
 * page that can (its stylesheets and images from the server, so colour contrast is checked too).
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  if (!withoutJavaScript.has(page.context())) return axeProblems(page);
  const probeContext = await page.context().browser()!.newContext({ javaScriptEnabled: true });
  try {
    const probe = await probeContext.newPage();
    const address = page.url();
    const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
    await probe.route((url) => url.href === address, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await probe.goto(address);
    return await axeProblems(probe);
  } finally {
    await probeContext.close();
  }
}

async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
