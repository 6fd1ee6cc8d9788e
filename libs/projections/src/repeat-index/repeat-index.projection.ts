import { Kysely } from 'kysely';
import { z } from 'zod';
import { RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition, londonDate, upcasterRegistryOf } from '@casetrail/workflow';
import { Projection, ProjectionContext, TableNames } from '../projection';
import { RepeatIndexTables } from './repeat-index.table';
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

  async apply(ctx: ProjectionContext<RepeatIndexTables>, stored: RecordedEvent): Promise<void> {
    // An erased person's keys go with them: their name must no longer match a new intake. A
    // rebuild replays the same SubjectErased, and erased values make no keys (repeat-keys.ts).
    if (stored.type === 'SubjectErased') {
      const { caseIds, slot } = SubjectErased.parse(stored.data);
      const kinds = kindsOfSlot(slot);
      if (kinds.length > 0 && caseIds.length > 0) {
        await ctx.trx.deleteFrom(ctx.table('repeat_keys')).where('case_id', 'in', caseIds).where('kind', 'in', kinds).execute();
      }
      return;
    }
    const definition = this.definitionFor(stored.streamId);
    if (!definition) return;
    // Read old versions of the intake events as the current one (e.g. AsbReported v1 names).
    const event = upcasterRegistryOf(definition).upcast(stored);
    switch (event.type) {
      case 'AsbReported':
        return this.index(ctx, event, definition.caseType, asbReportKeys(event.data));
      case 'PerpetratorIdentified': {
        const k = asbPerpetratorKey(PerpetratorIdentified.parse(event.data).perpetrator);
        return k ? this.index(ctx, event, definition.caseType, [k]) : undefined;
      }
      case 'ReferralReceived':
        return this.index(ctx, event, definition.caseType, daReferralKeys(event.data));
      case 'ReferredToMarac': {
        const referredOn = londonDate(ReferredToMarac.parse(event.data).referredAt);
        await ctx.trx
          .updateTable(ctx.table('repeat_keys'))
          .set({ marac_referred_on: referredOn })
          .where('case_id', '=', event.streamId)
          .where('kind', '=', 'da-pair')
          .execute();
        return;
      }
    }
  }

  private async index({ trx, table }: ProjectionContext<RepeatIndexTables>, event: RecordedEvent, caseType: string, keys: RepeatKey[]): Promise<void> {
    if (keys.length === 0) return;
    const values = keys.map((k) => ({
      key_hash: k.hash,
      kind: k.kind,
      case_id: event.streamId,
      case_type: caseType,
      seen_at_position: event.position,
      marac_referred_on: null,
    }));
    await trx
      .insertInto(table('repeat_keys'))
      .values(values)
      .onConflict((oc) => oc.columns(['key_hash', 'case_id']).doNothing())
      .execute();
  }
}
