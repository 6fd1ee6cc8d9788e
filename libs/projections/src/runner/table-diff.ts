import { Kysely, sql } from 'kysely';
import { CasetrailTables } from '@casetrail/persistence';
import { dialectOf } from './dialect';

export type Row = Record<string, unknown>;

/** One row that is not the same in the live table and in the rebuilt one (null: missing there). */
export interface RowDifference {
  table: string;
  key: Row;
  live: Row | null;
  rebuilt: Row | null;
}

/** The primary key's columns in key order, or [] for a table without one. */
export async function primaryKeyOf(db: Kysely<CasetrailTables>, table: string): Promise<string[]> {
  if (dialectOf(db) === 'sqlite') {
    const { rows } = await sql<{ name: string; pk: number }>`SELECT name, pk FROM pragma_table_info(${table}) WHERE pk > 0 ORDER BY pk`.execute(db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`
    SELECT a.attname AS name
    FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
    WHERE i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(${table}))::regclass AND i.indisprimary
    ORDER BY array_position(i.indkey::int2[], a.attnum)`.execute(db);
  return rows.map((r) => r.name);
}

/** JSON with sorted keys, so two rows compare by value whatever order the driver gave the columns. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

async function rowsByKey(db: Kysely<CasetrailTables>, table: string, key: string[]): Promise<Map<string, Row[]>> {
  const { rows } = await sql<Row>`SELECT * FROM ${sql.table(table)}`.execute(db);
  const byKey = new Map<string, Row[]>();
  for (const row of rows) {
    // Without a primary key the whole row is the key, and duplicates are counted.
    const id = canonical(key.length > 0 ? key.map((column) => row[column]) : row);
    byKey.set(id, [...(byKey.get(id) ?? []), row]);
  }
  return byKey;
}

/**
 * Compares two tables with the same columns row by row, matched on the live table's primary key.
 * Both are read whole: read models are sized for one partnership, and verify is an operator's tool.
 */
export async function diffTables(
  db: Kysely<CasetrailTables>,
  logical: string,
  liveTable: string,
  rebuiltTable: string,
): Promise<{ compared: number; differences: RowDifference[] }> {
  const key = await primaryKeyOf(db, liveTable);
  const [live, rebuilt] = await Promise.all([rowsByKey(db, liveTable, key), rowsByKey(db, rebuiltTable, key)]);
  const differences: RowDifference[] = [];
  for (const id of new Set([...live.keys(), ...rebuilt.keys()])) {
    const a = live.get(id) ?? [];
    const b = rebuilt.get(id) ?? [];
    const count = Math.max(a.length, b.length);
    for (let i = 0; i < count; i += 1) {
      const liveRow = a[i] ?? null;
      const rebuiltRow = b[i] ?? null;
      if (liveRow && rebuiltRow && canonical(liveRow) === canonical(rebuiltRow)) continue;
      const sample = (liveRow ?? rebuiltRow)!;
      const keyColumns = key.length > 0 ? key : Object.keys(sample);
      differences.push({ table: logical, key: Object.fromEntries(keyColumns.map((c) => [c, sample[c]])), live: liveRow, rebuilt: rebuiltRow });
    }
  }
  return { compared: new Set([...live.keys(), ...rebuilt.keys()]).size, differences };
}
