import { sql } from 'kysely';
import { CasetrailDatabase } from '@casetrail/persistence';

/**
 * Whether a read model's table exists yet, in this connection's schema: on PostgreSQL
 * `to_regclass` follows the search_path (other schemas' tables of the same name do not count).
 */
export async function tableExists(db: CasetrailDatabase, table: string): Promise<boolean> {
  const postgres = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  if (postgres) {
    const { rows } = await sql<{ found: boolean }>`select to_regclass(${table}) is not null as found`.execute(db);
    return rows[0]?.found === true;
  }
  const { rows } = await sql<{ found: number }>`select count(*) as found from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  return Number(rows[0]?.found ?? 0) > 0;
}
