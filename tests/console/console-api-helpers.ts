import type { TestApi } from '../support/api-app';

/** Changes through the JSON API, as another user would make them while a page is open. */
export async function logIncidentThroughApi(api: TestApi, caseId: string, incidentId: string): Promise<number> {
  const token = await api.token({ role: 'caseworker', userId: 'someone.else', agency: 'tmbc' });
  const res = await api
    .http()
    .post(`/api/cases/${caseId}/commands`)
    .set('Authorization', `Bearer ${token}`)
    .send({ type: 'LogIncident', data: { incidentId, behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: 'Shouting in the street', reportingAgency: 'tmbc' } });
  if (res.status !== 200) throw new Error(`LogIncident answered ${res.status}: ${res.text}`);
  return res.body.revision as number;
}

/** The case's events through the API (what was written, whatever a page showed). */
export async function eventTypes(api: TestApi, caseId: string): Promise<string[]> {
  const token = await api.token({ role: 'caseworker', agency: 'tmbc', daAccess: true });
  const res = await api.http().get(`/api/cases/${caseId}/history`).set('Authorization', `Bearer ${token}`);
  return (res.body.events as { type: string }[]).map((e) => e.type);
}

/** Lets the ASB triage deadline pass and expires it, as the scheduler would: the case joins the escalation queue. */
export async function missTriageDeadline(api: TestApi, caseId: string): Promise<number> {
  const token = await api.token({ role: 'admin', userId: 'scheduler', agency: 'tmbc' });
  const view = await api.http().get(`/api/cases/${caseId}`).set('Authorization', `Bearer ${token}`);
  const deadline = (view.body.openDeadlines as { deadlineId: string; dueAt: string }[])[0]!;
  api.clock.now = new Date(Date.parse(deadline.dueAt) + 3_600_000);
  const res = await api
    .http()
    .post(`/api/cases/${caseId}/commands`)
    .set('Authorization', `Bearer ${token}`)
    .set('If-Match', `"${view.body.revision}"`)
    .send({ type: 'ExpireDeadline', data: { deadlineId: deadline.deadlineId, dueAt: deadline.dueAt } });
  if (res.status !== 200) throw new Error(`ExpireDeadline answered ${res.status}: ${res.text}`);
  return res.body.position as number;
}

export const caseIdFrom = (location: string): string => /\/cases\/([a-z-]+-[0-9a-f-]{36})/.exec(location)![1]!;
