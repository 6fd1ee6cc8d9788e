import type { Pool } from 'pg';
import { APPEND_FUNCTION_SQL } from './postgres-append-function';
import { APPEND_GROUP_FUNCTION_SQL } from './postgres-append-group-function';
import { APPEND_FUNCTION_REVISION_FIRST_SQL } from './postgres-append-revision-first';
import { MIGRATION_LOCK_SQL } from './postgres-schema-keys';
import { inTransaction } from './postgres-transaction';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Append-only list: never edit a migration that has shipped, add a new one. Names are unqualified
 * so they land in the connection's schema (tests use one schema per file).
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events',
    sql: `
      -- An identity sequence never hands out a value twice, so a position is never reused, even
      -- after deletions. data and metadata are json, not jsonb: json keeps the exact text, and
      -- jsonb cannot hold a string containing \\u0000 (ADR 0003).
      CREATE TABLE events (
        position       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id       text        NOT NULL,
        stream_id      text        NOT NULL,
        revision       integer     NOT NULL CHECK (revision >= 0),
        type           text        NOT NULL,
        schema_version integer     NOT NULL,
        data           json        NOT NULL,
        metadata       json        NOT NULL,
        recorded_at    timestamptz NOT NULL,
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision)
      );
    `,
  },
  { version: 2, name: 'append_events function', sql: APPEND_FUNCTION_SQL },
  { version: 3, name: 'append_event_group function', sql: APPEND_GROUP_FUNCTION_SQL },
  {
    version: 4,
    name: 'append_events plans each call',
    // A session caches a generic plan for append_events' lookups, costed on the table as it was
    // then; where nothing runs ANALYZE (autovacuum off) that plan is never replaced, and a plan made
    // on a near-empty table scans every event per append once it has grown. Planning each call
    // costs little beside the append, and also applies inside append_event_group.
    sql: `ALTER FUNCTION append_events(text, text, bigint, text[], text[], integer[], text[], text[], timestamptz)
            SET plan_cache_mode = force_custom_plan`,
  },
  { version: 5, name: 'append_events looks ids up only when the revision does not match', sql: APPEND_FUNCTION_REVISION_FIRST_SQL },
];

/** A configuration mistake, not an outage: retrying will not help. */
class MissingSchemaError extends Error {
  constructor() {
    super('PostgreSQL event store: the search_path names no existing schema');
    this.name = 'MissingSchemaError';
  }
}

/**
 * Applies what is missing in one transaction. The advisory lock is taken before anything else,
 * `CREATE TABLE IF NOT EXISTS` included, because two sessions racing on it can still collide.
 */
export async function migratePostgres(pool: Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    // Without a schema the lock key is NULL, and pg_advisory_xact_lock(NULL) silently locks nothing.
    if (!rows[0]?.schema) throw new MissingSchemaError();
    await client.query(MIGRATION_LOCK_SQL);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(applied.rows.map((r) => r.version));
    for (const migration of POSTGRES_MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
  });
}
