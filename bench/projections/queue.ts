import { sql } from 'kysely';
import { CasetrailDatabase } from '@casetrail/persistence';
import { EscalationQueueQuery, readEscalationQueue } from '@casetrail/projections';
import { percentile } from './measure';

const WARM_UP = 50;

export interface QueueFigures {
  openCases: number;
  cases: number;
  entries: number;
  queries: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  byShape: Record<string, { p50Ms: number; p99Ms: number; rows: number }>;
}

/**
 * GET /api/queues/escalations as the API asks it (readEscalationQueue), over the read model the
 * rebuild left: pages of 50 at the end of the data, for the shapes a manager uses, in turn.
 */
export async function measureQueue(db: CasetrailDatabase, now: string, queries: number): Promise<QueueFigures> {
  const count = async (query: string) => Number((await sql<{ n: number }>`${sql.raw(query)}`.execute(db)).rows[0]!.n);
  const openCases = await count('SELECT COUNT(*) AS n FROM case_summaries WHERE closed_at IS NULL');
  const cases = await count('SELECT COUNT(*) AS n FROM case_summaries');
  const entries = await count('SELECT COUNT(*) AS n FROM escalation_entries');
  const assignee = (await sql<{ a: string }>`SELECT assignee_id AS a FROM escalation_entries WHERE assignee_id IS NOT NULL LIMIT 1`.execute(db)).rows[0]?.a;
  const base: EscalationQueueQuery = { now, dueWithinDays: 5, viewer: { agency: 'tmbc', daAccess: false }, limit: 50 };
  const firstPage = await readEscalationQueue(db, base);
  const last = firstPage.at(-1);
  const shapes: Record<string, EscalationQueueQuery> = {
    'council manager, first page': base,
    'council manager, next page': last ? { ...base, after: { priority: last.priority, dueAt: last.dueAt, entryId: last.entryId } } : base,
    'DA service manager (DA access)': { ...base, viewer: { agency: 'davss', daAccess: true } },
    'missed deadlines only': { ...base, reason: 'DEADLINE_MISSED' },
    'overdue only': { ...base, overdueOnly: true },
    'one case type': { ...base, caseType: 'cpw-cpn' },
    'involving an agency': { ...base, agency: 'kent-police' },
    ...(assignee ? { 'one caseworker': { ...base, assignee } } : {}),
  };
  const names = Object.keys(shapes);
  const times = new Map<string, number[]>(names.map((n) => [n, []]));
  const rows = new Map<string, number>();
  for (let i = 0; i < WARM_UP + queries; i += 1) {
    const name = names[i % names.length]!;
    const started = process.hrtime.bigint();
    const items = await readEscalationQueue(db, shapes[name]!);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (i >= WARM_UP) times.get(name)!.push(ms);
    rows.set(name, items.length);
  }
  const all = [...times.values()].flat().sort((a, b) => a - b);
  const byShape = Object.fromEntries(
    names.map((n) => {
      const sorted = times.get(n)!.sort((a, b) => a - b);
      return [n, { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), rows: rows.get(n)! }];
    }),
  );
  return { openCases, cases, entries, queries, p50Ms: percentile(all, 50), p99Ms: percentile(all, 99), maxMs: percentile(all, 100), byShape };
}
