import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import nunjucks from 'nunjucks';
import { dirname, join } from 'node:path';
import { isAllowed } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { ConsoleRequest } from './console-request';
import { humanise } from './forms/json-schema';

/** govuk-frontend's Nunjucks macros and template, found where npm installed them. */
export const GOVUK_FRONTEND_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
export const CONSOLE_VIEWS = join(__dirname, 'views');

interface NavigationItem {
  href: string;
  text: string;
  active?: boolean;
}

/** Renders the console's Nunjucks pages (autoescaped) with what every page needs. */
@Injectable()
export class ConsoleViews {
  private readonly env = createEnvironment();

  render(req: Request, res: Response, template: string, context: Record<string, unknown>, status = 200): void {
    const state = (req as ConsoleRequest).console;
    const principal = state?.principal;
    const html = this.env.render(template, {
      ...context,
      principal,
      csrfToken: state?.csrfToken ?? '',
      cspNonce: state?.cspNonce ?? '',
      navigation: principal ? navigationFor(principal, req.path) : [],
    });
    res.status(status).type('html').send(html);
  }
}

export function createEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([CONSOLE_VIEWS, GOVUK_FRONTEND_DIST], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  env.addFilter('dateTime', (iso: unknown) => (typeof iso === 'string' && iso !== '' ? formatDateTime(iso) : ''));
  env.addFilter('date', (iso: unknown) => (typeof iso === 'string' && iso !== '' ? formatDate(iso) : ''));
  env.addFilter('humanise', (text: unknown) => (typeof text === 'string' ? humanise(text) : ''));
  env.addFilter('shortId', (id: unknown) => (typeof id === 'string' ? id.replace(/^([a-z-]+)-([0-9a-f]{8})-.*$/, '$2') : ''));
  env.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2));
  return env;
}

/** The navigation a role gets: only what its actions allow (docs/security.md). */
function navigationFor(principal: Principal, path: string): NavigationItem[] {
  const items: (NavigationItem & { when: boolean })[] = [
    { href: '/cases', text: principal.role === 'auditor' ? 'Cases' : 'My cases', when: isAllowed(principal.role, 'case.list') },
    { href: '/cases/new', text: 'New case', when: isAllowed(principal.role, 'case.open') },
    { href: '/queue', text: 'Escalation queue', when: isAllowed(principal.role, 'queue.read') },
    { href: '/dashboard', text: 'Dashboard', when: isAllowed(principal.role, 'stats.read') },
    { href: '/report', text: 'Partnership report', when: isAllowed(principal.role, 'report.read') },
    { href: '/access-log', text: 'Access log', when: isAllowed(principal.role, 'audit.access-log') },
  ];
  const visible = items.filter((i) => i.when).map(({ href, text }) => ({ href, text }));
  const active = [...visible].sort((a, b) => b.href.length - a.href.length).find((i) => path === i.href || path.startsWith(`${i.href}/`));
  return visible.map((i) => (i === active ? { ...i, active: true } : i));
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hourCycle: 'h12' });
const DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

/** GOV.UK style: "27 March 2026 at 2:30pm". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(DATE_TIME.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}${String(parts.dayPeriod ?? '').toLowerCase()}`;
}

export function formatDate(iso: string): string {
  const date = new Date(/^\d{4}-\d\d-\d\d$/.test(iso) ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : DATE.format(date);
}
