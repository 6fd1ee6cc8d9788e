import { CasetrailDatabase } from '@casetrail/persistence';
import { RepeatIndexTables } from './repeat-index.table';
import { RepeatKey, RepeatKeyKind } from './repeat-keys';

export interface RepeatIndexMatch {
  caseId: string;
  caseType: string;
  /** Every kind of key the case shares with the ones asked about. */
  matchedOn: RepeatKeyKind[];
  /** For a DA referral sharing the victim-and-perpetrator key: its latest MARAC referral date. */
  maracReferredOn: string | null;
}

/** Earlier cases sharing any of `keys`, one entry per case, in the order the cases were first seen. */
export async function findRepeatMatches(db: CasetrailDatabase, keys: readonly RepeatKey[]): Promise<RepeatIndexMatch[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .withTables<RepeatIndexTables>()
    .selectFrom('repeat_keys')
    .selectAll()
    .where('key_hash', 'in', [...new Set(keys.map((k) => k.hash))])
    .orderBy('seen_at_position')
    .orderBy('case_id')
    .orderBy('kind')
    .execute();
  const byCase = new Map<string, RepeatIndexMatch>();
  for (const row of rows) {
    const match = byCase.get(row.case_id) ?? { caseId: row.case_id, caseType: row.case_type, matchedOn: [], maracReferredOn: null };
    match.matchedOn.push(row.kind as RepeatKeyKind);
    if (row.kind === 'da-pair') match.maracReferredOn = row.marac_referred_on;
    byCase.set(row.case_id, match);
  }
  return [...byCase.values()];
}
