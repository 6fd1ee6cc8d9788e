import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASE_TYPES } from '@casetrail/cases';
import { EventStore, PostgresEventStore, SqliteEventStore } from '@casetrail/event-store';
import { CasetrailDatabase, createDatabase, migrateTables } from '@casetrail/persistence';
import { CommandRuntime, definitionForCase, loadPolicyAndCalendar } from '@casetrail/scheduling';
import { CommandOutcome, handleCommand, londonDate, parseCommand } from '@casetrail/workflow';

export const POLICY_DIR = join(__dirname, '..', '..', '..', 'policy');
const policyAndCalendar = loadPolicyAndCalendar(POLICY_DIR, CASE_TYPES);
const CASEWORKER = { id: 'caseworker-1', role: 'caseworker', agency: 'tmbc' } as const;
const TRIAGE_HOURS = 24;

/**
 * A real SQLite store and database in a temporary directory, with the repository's policy, and
 * helpers that drive cases through the real command path.
 */
export class Casework {
  readonly runtime: CommandRuntime;

  private constructor(
    readonly path: string,
    readonly store: EventStore,
    readonly db: CasetrailDatabase,
    private readonly dir: string | undefined,
  ) {
    this.runtime = { store, definitions: CASE_TYPES, ...policyAndCalendar, now: () => new Date() };
  }

  static async start(path?: string): Promise<Casework> {
    const dir = path ? undefined : mkdtempSync(join(tmpdir(), 'casetrail-deadlines-'));
    const file = path ?? join(dir!, 'casetrail.db');
    const store = new SqliteEventStore({ path: file, pollIntervalMs: 50 });
    await store.init();
    const db = createDatabase({ dialect: 'sqlite', path: file });
    await migrateTables(db);
    return new Casework(file, store, db, dir);
  }

  /** The same, on a PostgreSQL schema (createTestSchema's url). */
  static async startPostgres(url: string): Promise<Casework> {
    const store = new PostgresEventStore({ connectionString: url });
    await store.init();
    const db = createDatabase({ dialect: 'postgres', connectionString: url });
    await migrateTables(db);
    return new Casework(url, store, db, undefined);
  }

  /** The same file, opened again: what a restarted process sees. */
  reopen(): Promise<Casework> {
    return Casework.start(this.path);
  }

  async send(caseId: string, type: string, data: unknown, occurredAt: Date, actor = CASEWORKER): Promise<CommandOutcome> {
    const definition = definitionForCase(CASE_TYPES, caseId)!;
    return handleCommand(
      { store: this.store, definition, ...policyAndCalendar },
      {
        caseId,
        command: parseCommand(definition, { type, data }),
        actor: { ...actor },
        commandId: randomUUID(),
        correlationId: randomUUID(),
        occurredAt: occurredAt.toISOString(),
      },
    );
  }

  /** An ASB report whose triage deadline (24 hours, policy/asb.yaml) falls due at `triageDueAt`. */
  async reportAsb(triageDueAt: Date): Promise<{ caseId: string; deadlineId: string; revision: number }> {
    const caseId = `asb-${randomUUID()}`;
    const reportedAt = new Date(triageDueAt.getTime() - TRIAGE_HOURS * 3_600_000);
    const day = londonDate(reportedAt.toISOString());
    const outcome = await this.send(caseId, 'ReportAsb', asbReport(day), reportedAt);
    const scheduled = outcome.events.find((e) => e.type === 'DeadlineScheduled')!;
    return { caseId, deadlineId: (scheduled.data as { deadlineId: string }).deadlineId, revision: scheduled.revision };
  }

  /** Triage meets the deadline. */
  assessRisk(caseId: string, at = new Date()): Promise<CommandOutcome> {
    return this.send(caseId, 'RecordRiskAssessment', { level: 'standard', answers: [{ question: 'Is the victim vulnerable?', answer: 'No' }] }, at);
  }

  /** DeadlineMissed events per case, from the store. */
  async missedByCase(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    let after = 0;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: 5000 });
      if (page.length === 0) return counts;
      page.filter((e) => e.type === 'DeadlineMissed').forEach((e) => counts.set(e.streamId, (counts.get(e.streamId) ?? 0) + 1));
      after = page.at(-1)!.position;
    }
  }

  async missedCount(): Promise<number> {
    return [...(await this.missedByCase()).values()].reduce((sum, n) => sum + n, 0);
  }

  async close(options: { keepFiles?: boolean } = {}): Promise<void> {
    await this.store.close();
    await this.db.destroy();
    if (this.dir && !options.keepFiles) rmSync(this.dir, { recursive: true, force: true });
  }

  removeFiles(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

function asbReport(day: string) {
  return {
    reportingAgency: 'tmbc',
    category: 'noise',
    victims: [{ kind: 'person', givenName: 'Jane', familyName: 'Doe', contact: {} }],
    location: { address: '12 Acacia Avenue, Tonbridge' },
    perpetrators: [],
    firstIncident: { incidentId: 'i1', behaviourDate: day, reportedDate: day, description: 'Music until 3am' },
  };
}

/** Polls `probe` until it returns true; false if it never did within `timeoutMs` (a hang guard, not a speed check). */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 60_000, everyMs = 50): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > until) return false;
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the wall clock has passed `instant`. */
export async function sleepUntil(instant: Date, extraMs = 0): Promise<void> {
  const wait = instant.getTime() + extraMs - Date.now();
  if (wait > 0) await sleep(wait);
}
