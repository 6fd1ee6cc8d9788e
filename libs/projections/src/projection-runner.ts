import { Kysely, Transaction } from 'kysely';
import { EventStore, RecordedEvent, Subscription } from '@casetrail/event-store';
import { CasetrailDatabase, CasetrailTables } from '@casetrail/persistence';
import { Projection, TableNames } from './projection';

export interface ProjectionFailure {
  projection: string;
  position: number;
  eventType: string;
  error: string;
}

/** The live tables: logical name = physical name. */
export function liveTableNames<Tables>(): TableNames<Tables> {
  return { table: (logical) => logical, index: (logical, suffix) => `${logical}_${suffix}` };
}

/**
 * Feeds a projection from the store's subscribe-to-all. The read model's change and its
 * checkpoint commit in one transaction, so each event has its effect once, even after a crash.
 * A failing event stops the projection and is reported, never skipped.
 */
export class ProjectionRunner<Tables> {
  private subscription?: Subscription;
  private failure?: ProjectionFailure;
  private readonly names = liveTableNames<Tables>();

  constructor(
    private readonly store: EventStore,
    private readonly db: CasetrailDatabase,
    private readonly projection: Projection<Tables>,
  ) {}

  // The same connection, typed with the projection's own tables (Kysely types one schema per handle).
  private readModel(db: Kysely<CasetrailTables>): Kysely<Tables> {
    return db as unknown as Kysely<Tables>;
  }
  private readModelTransaction(trx: Transaction<CasetrailTables>): Transaction<Tables> {
    return trx as unknown as Transaction<Tables>;
  }

  async start(): Promise<void> {
    await this.projection.createTables(this.readModel(this.db), this.names);
    const row = await this.db
      .selectFrom('projection_checkpoints')
      .select('position')
      .where('name', '=', this.projection.name)
      .executeTakeFirst();
    this.subscription = this.store.subscribeToAll({
      after: row ? Number(row.position) : 0,
      onEvent: (event) => this.handle(event),
      onError: (error) => {
        this.failure ??= { projection: this.projection.name, position: -1, eventType: '', error: String(error) };
      },
    });
  }

  private async handle(event: RecordedEvent): Promise<void> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await this.projection.apply({ trx: this.readModelTransaction(trx), ...this.names }, event);
        await trx
          .insertInto('projection_checkpoints')
          .values({ name: this.projection.name, position: event.position })
          .onConflict((oc) => oc.column('name').doUpdateSet({ position: event.position }))
          .execute();
      });
    } catch (error) {
      this.failure = {
        projection: this.projection.name,
        position: event.position,
        eventType: event.type,
        error: error instanceof Error ? error.message : String(error),
      };
      throw error;
    }
  }

  /** Waits until the projection has applied everything up to `position`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.subscription ? this.subscription.waitFor(position, timeoutMs) : Promise.resolve(false);
  }

  status(): { name: string; failure?: ProjectionFailure } {
    return { name: this.projection.name, ...(this.failure ? { failure: this.failure } : {}) };
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }
}
