import { Kysely, sql } from 'kysely';
import { RecordedEvent } from '@casetrail/event-store';
import { Projection, ProjectionContext, TableNames } from '@casetrail/projections';

export type EventTallyTables = {
  event_tallies: { stream_id: string; events: number; last_position: number; types: string };
};

export interface TallyHooks {
  /** Throws for this event: a projection bug. */
  failsOn?: (event: RecordedEvent) => boolean;
  /** Called before each event is applied, inside the batch's transaction. */
  beforeApply?: (event: RecordedEvent) => Promise<void> | void;
}

/**
 * A deliberately non-idempotent read model: each event adds one to its stream's count and its
 * type to a list. An event applied twice, or skipped, shows in the rows, which is what the
 * runner tests look for. `applied` counts this instance's applications, committed or not.
 */
export class EventTallyProjection implements Projection<EventTallyTables> {
  readonly name: string;
  readonly tables = ['event_tallies'] as const;
  applied = 0;

  constructor(
    private readonly hooks: TallyHooks = {},
    name = 'event-tally',
  ) {
    this.name = name;
  }

  async createTables(db: Kysely<EventTallyTables>, names: TableNames<EventTallyTables>): Promise<void> {
    await db.schema
      .createTable(names.table('event_tallies'))
      .ifNotExists()
      .addColumn('stream_id', 'varchar(200)', (c) => c.primaryKey())
      .addColumn('events', 'integer', (c) => c.notNull())
      .addColumn('last_position', 'bigint', (c) => c.notNull())
      .addColumn('types', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex(names.index('event_tallies', 'last_position')).ifNotExists().on(names.table('event_tallies')).column('last_position').execute();
  }

  async apply({ trx, table }: ProjectionContext<EventTallyTables>, event: RecordedEvent): Promise<void> {
    await this.hooks.beforeApply?.(event);
    this.applied += 1;
    if (this.hooks.failsOn?.(event)) throw new Error(`cannot tally ${event.type}`);
    await trx
      .insertInto(table('event_tallies'))
      .values({ stream_id: event.streamId, events: 1, last_position: event.position, types: event.type })
      .onConflict((oc) =>
        oc.column('stream_id').doUpdateSet({
          events: sql`${sql.ref(`${table('event_tallies')}.events`)} + 1`,
          last_position: event.position,
          types: sql`${sql.ref(`${table('event_tallies')}.types`)} || ${`,${event.type}`}`,
        }),
      )
      .execute();
  }
}

/** The tallies the events in the store should give: one count per event, types in order. */
export function expectedTallies(events: RecordedEvent[], upTo = Number.POSITIVE_INFINITY) {
  const byStream = new Map<string, { stream_id: string; events: number; last_position: number; types: string }>();
  for (const e of events.filter((x) => x.position <= upTo)) {
    const row = byStream.get(e.streamId);
    if (row) Object.assign(row, { events: row.events + 1, last_position: e.position, types: `${row.types},${e.type}` });
    else byStream.set(e.streamId, { stream_id: e.streamId, events: 1, last_position: e.position, types: e.type });
  }
  return [...byStream.values()].sort((a, b) => (a.stream_id < b.stream_id ? -1 : 1));
}
