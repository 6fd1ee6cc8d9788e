import { CasetrailDatabase } from '@casetrail/persistence';
import { NO_RISK } from '../counts/case-counts.table';
import { CaseloadTables } from './caseload.table';

export interface CaseloadFigures {
  openCases: number;
  byRisk: { high: number; medium: number; standard: number; none: number };
  /** Deadlines owed and past due at the time of asking. */
  overdueDeadlines: number;
  casesWithOverdueDeadlines: number;
}

export interface Caseloads {
  caseworkers: (CaseloadFigures & { caseworkerId: string; agency: string | null })[];
  teams: (CaseloadFigures & { agency: string; unassigned: number })[];
}

export interface CaseloadQuery {
  now: string;
  /** Only this team's caseworkers and this team. */
  agency?: string;
  /** Restricted cases are counted only for the DA permission or an agency involved. */
  viewer: { agency: string; daAccess: boolean };
}

const RISKS = ['high', 'medium', 'standard', NO_RISK] as const;
type Risk = (typeof RISKS)[number];

/** Open cases per caseworker and per team, by risk, with what is overdue at `now`. */
export async function readCaseloads(db: CasetrailDatabase, query: CaseloadQuery): Promise<Caseloads> {
  const now = new Date(query.now).toISOString();
  const tables = db.withTables<CaseloadTables>();
  let cases = tables.selectFrom('caseload_cases').select(['case_id', 'assignee_id', 'team', 'risk']).where('open', '=', 1);
  if (query.agency) cases = cases.where('team', '=', query.agency);
  if (!query.viewer.daAccess) {
    const agency = JSON.stringify(query.viewer.agency);
    cases = cases.where((eb) => eb.or([eb('restricted', '=', 0), eb('agencies', 'like', `%${agency}%`)]));
  }
  const open = await cases.execute();
  const overdueRows = await tables
    .selectFrom('caseload_deadlines')
    .select(['case_id', (eb) => eb.fn.countAll<number>().as('overdue')])
    .where('due_at', '<', now)
    .groupBy('case_id')
    .execute();
  const overdue = new Map(overdueRows.map((r) => [r.case_id, Number(r.overdue)]));

  const caseworkers = new Map<string, Caseloads['caseworkers'][number]>();
  const teams = new Map<string, Caseloads['teams'][number]>();
  for (const c of open) {
    const late = overdue.get(c.case_id) ?? 0;
    if (c.assignee_id !== null) {
      const key = JSON.stringify([c.team, c.assignee_id]);
      const figures = caseworkers.get(key) ?? { caseworkerId: c.assignee_id, agency: c.team, ...emptyFigures() };
      caseworkers.set(key, count(figures, c.risk, late));
    }
    if (c.team !== null) {
      const figures = teams.get(c.team) ?? { agency: c.team, unassigned: 0, ...emptyFigures() };
      if (c.assignee_id === null) figures.unassigned += 1;
      teams.set(c.team, count(figures, c.risk, late));
    }
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    caseworkers: [...caseworkers.values()].sort((a, b) => byName(a.agency ?? '', b.agency ?? '') || byName(a.caseworkerId, b.caseworkerId)),
    teams: [...teams.values()].sort((a, b) => byName(a.agency, b.agency)),
  };
}

function emptyFigures(): CaseloadFigures {
  return { openCases: 0, byRisk: { high: 0, medium: 0, standard: 0, none: 0 }, overdueDeadlines: 0, casesWithOverdueDeadlines: 0 };
}

function count<F extends CaseloadFigures>(figures: F, risk: string, overdueDeadlines: number): F {
  figures.openCases += 1;
  figures.byRisk[(RISKS as readonly string[]).includes(risk) ? (risk as Risk) : NO_RISK] += 1;
  figures.overdueDeadlines += overdueDeadlines;
  if (overdueDeadlines > 0) figures.casesWithOverdueDeadlines += 1;
  return figures;
}
