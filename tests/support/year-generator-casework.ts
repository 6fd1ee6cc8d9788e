import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { EventStore } from '@casetrail/event-store';
import { CASE_TYPES } from '@casetrail/cases';
import { CasetrailDatabase } from '@casetrail/persistence';
import { caseTypeOfStream, liveTableNames, PartnershipReportProjection, PartnershipReportTables } from '@casetrail/projections';
import {
  Actor,
  CommandOutcome,
  DomainCommand,
  handleCommand,
  loadBankHolidays,
  loadPolicyDirectory,
  parseCommand,
  PolicyLookup,
  startOfLondonDay,
  WorkingDayCalendar,
} from '@casetrail/workflow';
import { SeededRandom } from './year-generator-random';

const ROOT = join(__dirname, '..', '..');

/** The case type of a stream id `<caseType>-<uuid>`, as the application finds it. */
const definitionFor = caseTypeOfStream(CASE_TYPES);

/**
 * A scratch directory in memory (tmpfs) where the machine has one: a generated year is thousands
 * of appends, each an fsync, which on a disk take most of the run. It is still a real SQLite file.
 */
export function scratchDirectory(prefix: string): string {
  return mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), prefix));
}

/**
 * The instant `hh:mm` after the start of a London day: the wall-clock time, except an hour out on
 * the two days the clocks change, and always on that London day.
 */
export function atLondon(date: string, hours: number, minutes = 0): string {
  return new Date(startOfLondonDay(date).getTime() + (hours * 60 + minutes) * 60_000).toISOString();
}

/** The instants of one case's commands: in office hours on the day given, each after the last. */
export class CaseTimeline {
  private last = '';

  constructor(private readonly random: SeededRandom) {}

  at(on: string): string {
    let instant = atLondon(on, this.random.int(8, 16), this.random.int(0, 59));
    // Two steps on one day: the second comes a little after the first, never before it.
    if (instant <= this.last) instant = new Date(Date.parse(this.last) + this.random.int(5, 40) * 60_000).toISOString();
    this.last = instant;
    return instant;
  }
}

/**
 * Sends commands the way the application does: the real case type definitions, the real policy
 * files and bank holidays, handleCommand (read, fold, decide, append). Nothing is written to the
 * store any other way.
 */
export class Casework {
  readonly policy: PolicyLookup;
  readonly calendar: WorkingDayCalendar;
  private commands = 0;

  constructor(readonly store: EventStore) {
    this.policy = loadPolicyDirectory(join(ROOT, 'policy'), CASE_TYPES.map((d) => d.policy));
    this.calendar = loadBankHolidays(join(ROOT, 'policy', 'bank-holidays', 'england-and-wales.json'));
  }

  /** Sends one command to a case at `at` (an instant), as `actor`, parsed as the API parses it. */
  async send(caseId: string, raw: DomainCommand, at: string, actor: Actor): Promise<CommandOutcome> {
    const definition = definitionFor(caseId);
    if (!definition) throw new Error(`no case type for ${caseId}`);
    const command = parseCommand(definition, raw);
    this.commands += 1;
    return handleCommand(
      { store: this.store, definition, policy: this.policy, calendar: this.calendar },
      { caseId, command, actor, commandId: `generated-${this.commands}`, correlationId: caseId, occurredAt: at },
    );
  }

  /** A policy value in force on a date, read as an officer reads the procedure. */
  policyValue<T>(section: string, key: string, on: string): T {
    return this.policy.get<T>(section, key, on).value;
  }

  get commandsSent(): number {
    return this.commands;
  }
}

/**
 * Applies the partnership report projection to every event in the store, read once, in one
 * transaction: what its runner does event by event, without waiting on a subscription.
 */
export async function projectPartnershipReport(store: EventStore, db: CasetrailDatabase): Promise<number> {
  const projection = new PartnershipReportProjection(definitionFor);
  const names = liveTableNames<PartnershipReportTables>();
  // The same connection, typed with the projection's tables only, as its runner types it.
  const readModel = db as unknown as Kysely<PartnershipReportTables>;
  await projection.createTables(readModel, names);
  let applied = 0;
  await readModel.transaction().execute(async (trx) => {
    for (let after = 0; ; ) {
      const events = await store.readAll({ after, maxCount: 1000 });
      if (events.length === 0) break;
      for (const event of events) await projection.apply({ trx, ...names }, event);
      applied += events.length;
      after = events.at(-1)!.position;
    }
  });
  return applied;
}
