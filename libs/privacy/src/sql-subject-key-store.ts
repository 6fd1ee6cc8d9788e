import { Kysely, sql } from 'kysely';
import { CasetrailDatabase, CasetrailTables, SubjectKeyTable, withoutOwnFsync } from '@casetrail/persistence';
import { KeyInsertBatches } from './key-insert-batches';
import { KeyWrapper } from './key-wrapping';
import { newDataKey, SubjectKey } from './subject-cipher';
import { SubjectKeyStore, SubjectRecord } from './subject-key-store.port';

/**
 * Subjects' keys in the `subject_keys` table beside the events (SQLite or PostgreSQL), wrapped by
 * the master key. Destroying a key nulls it and keeps the row. On SQLite the connection runs
 * with `secure_delete` (freed bytes are zeroed) and destruction checkpoints the WAL, so the old
 * wrapped key is left neither in the file's free pages nor in the -wal file.
 */
export class SqlSubjectKeyStore implements SubjectKeyStore {
  private readonly sqlite: boolean;
  private prepared?: Promise<void>;
  private readonly batches = new KeyInsertBatches<SubjectKeyTable>((rows) => this.insertRows(rows));

  constructor(
    private readonly db: CasetrailDatabase,
    private readonly wrapper: KeyWrapper,
  ) {
    this.sqlite = !db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  }

  async ensure(subjects: readonly Omit<SubjectRecord, 'createdAt' | 'destroyedAt'>[], now: string): Promise<Map<string, SubjectKey>> {
    await this.prepare();
    const ids = [...new Set(subjects.map((s) => s.subjectId))];
    const known = await this.keys(ids);
    const missing = subjects.filter((s, i) => !known.has(s.subjectId) && subjects.findIndex((o) => o.subjectId === s.subjectId) === i);
    if (missing.length === 0) return known;
    const created = new Map(missing.map((s) => [s.subjectId, newDataKey()]));
    const rows: SubjectKeyTable[] = missing.map((s) => ({ subject_id: s.subjectId, case_id: s.caseId, slot: s.slot, wrapped_key: this.wrapper.wrap(s.subjectId, created.get(s.subjectId)!), created_at: now, destroyed_at: null }));
    // Every row inserted: the keys are the ones just made, no need to read and unwrap them again.
    if (await this.batches.add(rows)) {
      for (const [subjectId, key] of created) known.set(subjectId, { state: 'live', key });
      return known;
    }
    // Two writers may create the same subject at once: the first row wins and both read it back.
    return this.keys(ids);
  }

  /** Inserts new keys' rows (several commands' at once), leaving any already there; how many it inserted. */
  private async insertRows(rows: SubjectKeyTable[]): Promise<number> {
    const insert = async (db: Kysely<CasetrailTables>) => {
      let inserted = 0;
      // Bounded: both databases cap bound parameters per statement.
      for (let i = 0; i < rows.length; i += 500) {
        const result = await db.insertInto('subject_keys').values(rows.slice(i, i + 500)).onConflict((oc) => oc.column('subject_id').doNothing()).executeTakeFirst();
        inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      return inserted;
    };
    // No fsync of its own: a key is needed only by the events sealed with it, whose fsync'd
    // append commits after it in the same WAL (ADR 0009).
    return this.sqlite ? this.db.connection().execute((connection) => withoutOwnFsync(connection, () => insert(connection))) : insert(this.db);
  }

  async keys(subjectIds: readonly string[]): Promise<Map<string, SubjectKey>> {
    await this.prepare();
    const keys = new Map<string, SubjectKey>();
    // Bounded IN lists: SQLite caps bound parameters.
    for (let i = 0; i < subjectIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('subject_keys')
        .select(['subject_id', 'wrapped_key'])
        .where('subject_id', 'in', subjectIds.slice(i, i + 500))
        .execute();
      for (const row of rows) {
        keys.set(row.subject_id, row.wrapped_key === null ? { state: 'destroyed' } : { state: 'live', key: this.wrapper.unwrap(row.subject_id, row.wrapped_key) });
      }
    }
    return keys;
  }

  async destroy(subjectId: string, now: string): Promise<boolean> {
    await this.prepare();
    const result = await this.db
      .updateTable('subject_keys')
      .set({ wrapped_key: null, destroyed_at: now })
      .where('subject_id', '=', subjectId)
      .where('wrapped_key', 'is not', null)
      .executeTakeFirst();
    if (this.sqlite) await this.checkpointWal();
    return Number(result.numUpdatedRows) > 0;
  }

  async subject(subjectId: string): Promise<SubjectRecord | undefined> {
    const row = await this.db.selectFrom('subject_keys').selectAll().where('subject_id', '=', subjectId).executeTakeFirst();
    return row ? recordOf(row) : undefined;
  }

  async subjectsOfCase(caseId: string): Promise<SubjectRecord[]> {
    const rows = await this.db.selectFrom('subject_keys').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('slot').execute();
    return rows.map(recordOf);
  }

  private prepare(): Promise<void> {
    this.prepared ??= this.sqlite ? sql`PRAGMA secure_delete = ON`.execute(this.db).then(() => undefined) : Promise.resolve();
    return this.prepared;
  }

  /** Moves the WAL into the file and truncates it; readers on other connections may hold it up briefly. */
  private async checkpointWal(): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.db);
      if (rows[0]?.busy === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function recordOf(row: SubjectKeyTable): SubjectRecord {
  return {
    subjectId: row.subject_id,
    caseId: row.case_id,
    slot: row.slot,
    createdAt: row.created_at,
    ...(row.destroyed_at ? { destroyedAt: row.destroyed_at } : {}),
  };
}
