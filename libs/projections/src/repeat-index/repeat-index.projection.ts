import { Kysely } from 'kysely';
import { z } from 'zod';
import { RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition, londonDate, upcasterRegistryOf } from '@casetrail/workflow';
import { asOneEvent, EventFailed, Projection, ProjectionContext, TableNames } from '../projection';
import { upsertRows } from '../runner/bulk-rows';
import { RepeatIndexTables, RepeatKeyTable } from './repeat-index.table';
import { asbPerpetratorKey, asbReportKeys, daReferralKeys, RepeatKey } from './repeat-keys';

export const REPEAT_INDEX_PROJECTION = 'repeat-index';

const PerpetratorIdentified = z.object({ perpetrator: z.unknown() });
const ReferredToMarac = z.object({ referredAt: z.string() });
/** libs/privacy's record of an erasure, in the subject's own stream (docs/privacy.md). */
const SubjectErased = z.object({ caseIds: z.array(z.string()), slot: z.string() });

/** The kinds of key made from a subject's data, by the slot it had in its case (ASB and DA). */
function kindsOfSlot(slot: string): RepeatKey['kind'][] {
  if (slot.startsWith('victim')) return ['victim', 'da-victim', 'da-pair'];
  if (slot.startsWith('perpetrator')) return ['perpetrator', 'da-perpetrator', 'da-pair'];
  if (slot === 'location') return ['location'];
  return [];
}

/**
 * Victims, addresses and alleged perpetrators seen before, as hashed keys mapped to cases, so
 * intake can flag a repeat and a DA referral can carry the date of the last MARAC referral for
 * the same victim and perpetrator.
 */
export class RepeatIndexProjection implements Projection<RepeatIndexTables> {
  readonly name = REPEAT_INDEX_PROJECTION;
  readonly tables = ['repeat_keys'] as const;

  constructor(private readonly definitionFor: (streamId: string) => CaseTypeDefinition | undefined) {}

  async createTables(db: Kysely<RepeatIndexTables>, names: TableNames<RepeatIndexTables>): Promise<void> {
    const table = names.table('repeat_keys');
    await db.schema
      .createTable(table)
      .ifNotExists()
      .addColumn('key_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('kind', 'varchar(20)', (c) => c.notNull())
      .addColumn('case_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('case_type', 'varchar(50)', (c) => c.notNull())
      .addColumn('seen_at_position', 'bigint', (c) => c.notNull())
      .addColumn('marac_referred_on', 'varchar(10)')
      .addPrimaryKeyConstraint(names.index('repeat_keys', 'pk'), ['key_hash', 'case_id'])
      .execute();
    await db.schema.createIndex(names.index('repeat_keys', 'case')).ifNotExists().on(table).column('case_id').execute();
  }

  apply(ctx: ProjectionContext<RepeatIndexTables>, event: RecordedEvent): Promise<void> {
    return asOneEvent(this.applyBatch(ctx, [event]));
  }

  /**
   * The batch's new keys in multi-row inserts; an erasure or a MARAC referral runs its own
   * statement, after the keys before it are written, so the effect is that of each event in turn.
   */
  async applyBatch(ctx: ProjectionContext<RepeatIndexTables>, events: readonly RecordedEvent[]): Promise<void> {
    let pending: RepeatKeyTable[] = [];
    const flush = async () => {
      await upsertRows(ctx.trx, ctx.table('repeat_keys'), ['key_hash', 'case_id'], firstOfEachKey(pending), 'nothing');
      pending = [];
    };
    for (const stored of events) {
      let effect: Effect | undefined;
      try {
        effect = this.effectOf(stored);
      } catch (error) {
        throw new EventFailed(stored, error);
      }
      if (!effect) continue;
      if ('keys' in effect) {
        pending.push(...effect.keys);
        continue;
      }
      await flush();
      try {
        await effect.statement(ctx);
      } catch (error) {
        throw new EventFailed(stored, error);
      }
    }
    await flush();
  }

  /** What one event does to the index: keys to add, a statement to run, or nothing. */
  private effectOf(stored: RecordedEvent): Effect | undefined {
    // An erased person's keys go with them: their name must no longer match a new intake. A
    // rebuild replays the same SubjectErased, and erased values make no keys (repeat-keys.ts).
    if (stored.type === 'SubjectErased') {
      const { caseIds, slot } = SubjectErased.parse(stored.data);
      const kinds = kindsOfSlot(slot);
      if (kinds.length === 0 || caseIds.length === 0) return undefined;
      return { statement: ({ trx, table }) => trx.deleteFrom(table('repeat_keys')).where('case_id', 'in', caseIds).where('kind', 'in', kinds).execute() };
    }
    const definition = this.definitionFor(stored.streamId);
    if (!definition) return undefined;
    // Read old versions of the intake events as the current one (e.g. AsbReported v1 names).
    const event = upcasterRegistryOf(definition).upcast(stored);
    const keysOf = (keys: RepeatKey[]): Effect => ({ keys: keys.map((k) => keyRow(k, stored, definition.caseType)) });
    switch (event.type) {
      case 'AsbReported':
        return keysOf(asbReportKeys(event.data));
      case 'PerpetratorIdentified': {
        const k = asbPerpetratorKey(PerpetratorIdentified.parse(event.data).perpetrator);
        return k ? keysOf([k]) : undefined;
      }
      case 'ReferralReceived':
        return keysOf(daReferralKeys(event.data));
      case 'ReferredToMarac': {
        const referredOn = londonDate(ReferredToMarac.parse(event.data).referredAt);
        return {
          statement: ({ trx, table }) =>
            trx.updateTable(table('repeat_keys')).set({ marac_referred_on: referredOn }).where('case_id', '=', stored.streamId).where('kind', '=', 'da-pair').execute(),
        };
      }
      default:
        return undefined;
    }
  }
}

type Effect = { keys: RepeatKeyTable[] } | { statement: (ctx: ProjectionContext<RepeatIndexTables>) => Promise<unknown> };

function keyRow(key: RepeatKey, event: RecordedEvent, caseType: string): RepeatKeyTable {
  return { key_hash: key.hash, kind: key.kind, case_id: event.streamId, case_type: caseType, seen_at_position: event.position, marac_referred_on: null };
}

/** A key seen twice in a batch keeps its first row, as inserting them in turn with DO NOTHING would. */
function firstOfEachKey(rows: readonly RepeatKeyTable[]): RepeatKeyTable[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = `${row.key_hash} ${row.case_id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
