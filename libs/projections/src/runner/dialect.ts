import { Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** Which database a Kysely handle talks to: table swaps and introspection differ between the two. */
export function dialectOf<T>(db: Kysely<T>): Dialect {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres') ? 'postgres' : 'sqlite';
}
