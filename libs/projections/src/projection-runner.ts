import { EventStore, RecordedEvent, Subscription } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { Transaction } from 'kysely';
import { CasetrailTables } from '@casetrail/persistence';

export type ProjectionTransaction = Transaction<CasetrailTables>;

export interface Projection {
  name: string;
  /** Applies one event inside the transaction that also moves the checkpoint. */
  apply(trx: ProjectionTransaction, event: RecordedEvent): Promise<void>;
}

export interface ProjectionFailure {
  projection: string;
  position: number;
  eventType: string;
  error: string;
}

/**
 * Feeds a projection from the store's subscribe-to-all. The read model's change and its
 * checkpoint commit in one transaction, so each event has its effect once, even after a crash.
 * A failing event stops the projection and is reported, never skipped.
 */
export class ProjectionRunner {
  private subscription?: Subscription;
  private failure?: ProjectionFailure;

  constructor(
    private readonly store: EventStore,
    private readonly db: CasetrailDatabase,
    private readonly projection: Projection,
  ) {}

  async start(): Promise<void> {
    const row = await this.db.selectFrom('projection_checkpoints').select('position').where('name', '=', this.projection.name).executeTakeFirst();
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
        await this.projection.apply(trx, event);
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
