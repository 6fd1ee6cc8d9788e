import type { Request } from 'express';
import { HistoryEntry, TimelineEntry } from '@casetrail/audit';
import { GetCaseHistoryQuery, GetCaseQuery } from '../../cases/queries/case.queries';
import { lateness } from '../../queues/escalation-queue.service';
import type { Principal } from '../../auth/principal';
import { ConsoleServices } from '../console-services';

/** The case as GET /api/cases/:id shows it. */
export interface CaseView {
  caseId: string;
  type: string;
  revision: number;
  stage: string;
  summary: { risk?: string; assignee?: { caseworkerId: string; agency: string }; agencies: string[]; restricted: boolean; openedAt?: string; closedAt?: string; keyFacts: Record<string, unknown> };
  state: unknown;
  openDeadlines: { deadlineId: string; rule: string; dueAt: string; overdue: boolean }[];
  allowedCommands: { type: string; requiresIfMatch: boolean; schema: unknown }[];
}

export interface CaseHistory {
  events: HistoryEntry[];
  timeline: TimelineEntry[];
}

/** Commands people never send by hand: the scheduler sends ExpireDeadline. */
const NOT_FOR_PEOPLE = new Set(['ExpireDeadline']);

export async function loadCaseView(services: ConsoleServices, req: Request, principal: Principal, options: { asOf?: string; upToRevision?: number } = {}): Promise<CaseView> {
  return services.queryBus.execute(new GetCaseQuery(services.readContext(req, principal), req.params.caseId as string, options));
}

export async function loadHistory(services: ConsoleServices, req: Request, principal: Principal): Promise<CaseHistory> {
  return services.queryBus.execute(new GetCaseHistoryQuery(services.readContext(req, principal), req.params.caseId as string));
}

/** What the case page shows: the deadlines with the time left, the actions a person may take now. */
export function casePageModel(view: CaseView, history: CaseHistory, now: Date) {
  return {
    view,
    deadlines: view.openDeadlines.map((d) => ({ ...d, timeLeft: lateness(Math.floor((now.getTime() - Date.parse(d.dueAt)) / 60_000)) })),
    actions: view.allowedCommands.filter((c) => !NOT_FOR_PEOPLE.has(c.type)).map((c) => ({ type: c.type, href: actionHref(view, c.type) })),
    keyFacts: Object.entries(view.summary.keyFacts)
      .filter(([, v]) => v !== null && v !== '')
      .map(([k, v]) => [k, v === true ? 'Yes' : v === false ? 'No' : v]),
    timeline: [...history.timeline].reverse(),
  };
}

function actionHref(view: CaseView, command: string): string {
  if (view.type === 'da-referral' && command === 'AssessRisk') return `/cases/${view.caseId}/dash`;
  return `/cases/${view.caseId}/actions/${command}`;
}
