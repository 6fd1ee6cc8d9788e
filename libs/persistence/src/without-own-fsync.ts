import { Kysely, sql } from 'kysely';

/**
 * Runs `write` on this SQLite connection with `synchronous = NORMAL`, then puts the setting back.
 * The commits inside do not fsync; the file stays consistent (WAL), and what they wrote reaches
 * the disk with the next commit that does fsync (every event append does: the file has one WAL,
 * and its fsync covers the frames before its own) or with a checkpoint. A power cut can lose
 * only those last commits, so use it for writes that are either re-derived or needed only by a
 * later fsync'd commit: read models with their checkpoints (re-applied from the events) and new
 * subject keys (needed only by the events sealed with them; ADR 0009).
 *
 * `connection` must be one connection (`db.connection().execute(...)`), so nothing else of the
 * process writes on it under the lowered setting.
 */
export async function withoutOwnFsync<Tables, T>(connection: Kysely<Tables>, write: () => Promise<T>): Promise<T> {
  const { rows } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(connection);
  const before = Number(rows[0]?.synchronous ?? 2);
  if (before <= 1) return write();
  await sql`PRAGMA synchronous = NORMAL`.execute(connection);
  try {
    return await write();
  } finally {
    await sql.raw(`PRAGMA synchronous = ${before}`).execute(connection);
  }
}
