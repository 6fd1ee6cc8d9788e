import { Kysely, sql, Transaction } from 'kysely';

/** Any projection's transaction, for statements on a table named at run time. */
type AnyTables = Record<string, Record<string, unknown>>;
type Row = Record<string, unknown>;

/**
 * Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535, so one
 * multi-row statement fits either.
 */
const MAX_PARAMETERS = 30_000;

function asAny<T>(trx: Transaction<T> | Kysely<T>): Kysely<AnyTables> {
  return trx as unknown as Kysely<AnyTables>;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Inserts rows, replacing (`update`: every other column from the new row) or keeping (`nothing`)
 * a row whose key is already there, in as few multi-row statements as fit. Rows must all have
 * the same columns and distinct keys (PostgreSQL refuses to update one row twice in a statement).
 */
export async function upsertRows<T>(trx: Transaction<T>, table: string, key: readonly string[], rows: readonly Row[], onConflict: 'update' | 'nothing' = 'update'): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const others = columns.filter((c) => !key.includes(c));
  for (const chunk of chunks(rows, Math.floor(MAX_PARAMETERS / columns.length))) {
    await asAny(trx)
      .insertInto(table)
      .values(chunk)
      .onConflict((oc) => {
        const target = oc.columns(key as string[]);
        return onConflict === 'nothing' || others.length === 0
          ? target.doNothing()
          : target.doUpdateSet(Object.fromEntries(others.map((c) => [c, sql.ref(`excluded.${c}`)])));
      })
      .execute();
  }
}

export async function insertRows<T>(trx: Transaction<T>, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  for (const chunk of chunks(rows, Math.floor(MAX_PARAMETERS / columns))) await asAny(trx).insertInto(table).values(chunk).execute();
}

export async function deleteWhereIn<T>(trx: Transaction<T>, table: string, column: string, values: readonly string[]): Promise<void> {
  for (const chunk of chunks(values, MAX_PARAMETERS)) await asAny(trx).deleteFrom(table).where(column, 'in', chunk).execute();
}

export async function selectWhereIn<T, R extends Row>(trx: Transaction<T>, table: string, column: string, values: readonly string[]): Promise<R[]> {
  const rows: R[] = [];
  for (const chunk of chunks(values, MAX_PARAMETERS)) rows.push(...((await asAny(trx).selectFrom(table).selectAll().where(column, 'in', chunk).execute()) as R[]));
  return rows;
}

/** Rows built by the same code (same columns, primitive values): equal in order and value. */
export function sameRows(a: readonly Row[], b: readonly Row[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const left = a[i]!;
    const right = b[i]!;
    for (const column in left) if (left[column] !== right[column]) return false;
  }
  return true;
}
