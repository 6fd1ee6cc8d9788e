import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kysely, Transaction } from 'kysely';
import { EventStore, PostgresEventStore, RecordedEvent, SqliteEventStore } from '@casetrail/event-store';
import { CASE_TYPES } from '@casetrail/cases';
import { CasetrailDatabase, createDatabase } from '@casetrail/persistence';
import {
  Actor,
  CaseTypeDefinition,
  CommandOutcome,
  handleCommand,
  loadBankHolidays,
  loadPolicyDirectory,
  parseCommand,
} from '@casetrail/workflow';
import { createTestSchema, TestSchema } from '../../../../../tests/support/services';
import { Projection, TableNames } from '../../projection';

const POLICY_DIR = join(__dirname, '../../../../../policy');

export const OFFICER: Actor = { id: 'officer-1', role: 'caseworker', agency: 'tmbc' };

export type Dialect = 'sqlite' | 'postgres';

/**
 * Real casework for read-model tests: the four case types, the repository's policy and bank
 * holidays, a real event store and database. Commands go through handleCommand, so the events a
 * projection sees are the ones the deciders really write.
 */
export class CaseworkHarness {
  private commandNo = 0;
  private projected = new Map<string, number>();

  // Event ids derive from command ids: unique per harness, so harnesses never collide.
  private readonly run = randomUUID();

  private constructor(
    readonly store: EventStore,
    readonly db: CasetrailDatabase,
    private readonly schema?: TestSchema,
  ) {}

  /** In-memory SQLite, or a fresh PostgreSQL schema of its own (dropped on close). */
  static async start(dialect: Dialect = 'sqlite'): Promise<CaseworkHarness> {
    if (dialect === 'sqlite') {
      const store = new SqliteEventStore({ path: ':memory:' });
      await store.init();
      return new CaseworkHarness(store, createDatabase({ dialect: 'sqlite', path: ':memory:' }));
    }
    const schema = await createTestSchema('readmodel');
    const store = new PostgresEventStore({ connectionString: schema.url });
    await store.init();
    return new CaseworkHarness(store, createDatabase({ dialect: 'postgres', connectionString: schema.url }), schema);
  }

  private readonly policy = loadPolicyDirectory(POLICY_DIR, CASE_TYPES.map((d) => d.policy));
  private readonly calendar = loadBankHolidays(join(POLICY_DIR, 'bank-holidays', 'england-and-wales.json'));

  readonly definitionFor = (streamId: string): CaseTypeDefinition | undefined =>
    CASE_TYPES.find((d) => streamId.startsWith(`${d.caseType}-`));

  /** Sends one command as `actor` at the instant `at`, as the API would. */
  async send(caseId: string, command: { type: string; data: unknown }, at: string, actor: Actor = OFFICER): Promise<CommandOutcome> {
    const definition = this.definitionFor(caseId);
    if (!definition) throw new Error(`no case type for ${caseId}`);
    this.commandNo += 1;
    return handleCommand(
      { store: this.store, definition, policy: this.policy, calendar: this.calendar },
      {
        caseId,
        command: parseCommand(definition, command),
        actor,
        commandId: `${this.run}-${this.commandNo}`,
        correlationId: `corr-${this.commandNo}`,
        occurredAt: at,
      },
    );
  }

  /** Applies every event not yet applied to `projection`, one transaction per event, as a runner does. */
  async project<T>(projection: Projection<T>): Promise<void> {
    // The same connection, typed with the projection's own tables, as the runner does.
    if (!this.projected.has(projection.name)) {
      await projection.createTables(this.db as unknown as Kysely<T>, this.names<T>());
      this.projected.set(projection.name, 0);
    }
    for (const event of await this.store.readAll({ after: this.projected.get(projection.name) })) {
      await this.deliver(projection, event);
      this.projected.set(projection.name, event.position);
    }
  }

  /** Delivers one event to the projection in a transaction of its own (also: again, as after a crash). */
  async deliver<T>(projection: Projection<T>, event: RecordedEvent): Promise<void> {
    await this.db.transaction().execute((trx) => projection.apply({ trx: trx as unknown as Transaction<T>, ...this.names<T>() }, event));
  }

  private names<T>(): TableNames<T> {
    return { table: (logical) => logical, index: (logical, suffix) => `${logical}_${suffix}` };
  }

  /**
   * Builds the projection again from position 0 into tables of another name, as a rebuild does,
   * and returns both versions of every table's rows: the same events must give the same rows.
   */
  async rebuildAndCompare<T>(projection: Projection<T>): Promise<{ live: unknown[][]; rebuilt: unknown[][] }> {
    await this.project(projection);
    const rebuilt: TableNames<T> = {
      table: (logical) => `${logical}_rebuilt` as typeof logical,
      index: (logical, suffix) => `${logical}_rebuilt_${suffix}`,
    };
    await projection.createTables(this.db as unknown as Kysely<T>, rebuilt);
    for (const event of await this.store.readAll()) {
      await this.db.transaction().execute((trx) => projection.apply({ trx: trx as unknown as Transaction<T>, ...rebuilt }, event));
    }
    const rowsOf = async (table: string) => {
      const rows = await (this.db as unknown as Kysely<Record<string, Record<string, unknown>>>).selectFrom(table).selectAll().execute();
      return rows.map((row) => JSON.stringify(row)).sort();
    };
    return {
      live: await Promise.all(projection.tables.map((t) => rowsOf(t))),
      rebuilt: await Promise.all(projection.tables.map((t) => rowsOf(rebuilt.table(t)))),
    };
  }

  async close(): Promise<void> {
    await this.db.destroy();
    await this.store.close();
    await this.schema?.drop();
  }
}

/** A case id of the type, unique within a test run. */
let caseNo = 0;
export function newCaseId(caseType: string): string {
  caseNo += 1;
  return `${caseType}-00000000-0000-4000-8000-${String(caseNo).padStart(12, '0')}`;
}
