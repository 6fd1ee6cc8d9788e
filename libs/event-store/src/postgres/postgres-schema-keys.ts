/**
 * Names the store derives from the schema its connection works in (the first existing schema on
 * the search_path), so stores in different schemas of one database never wait on each other's
 * locks or wake each other's subscribers. Evaluated by the server, so every process agrees; every
 * process must also run the same formulas, so changing one takes a migration (append_events
 * embeds them).
 */
export const SCHEMA_LOCK_SPACE_SQL = `hashtext('casetrail/event-store/' || current_schema())`;

/**
 * Second key of the two-key advisory locks, one per thing the store serialises. `append` is held
 * by each append until it commits, so positions commit in order (ADR 0003).
 */
export const LockPurpose = { migrate: 1, append: 2 } as const;

/** Held by init() while it migrates: several processes may start at once. */
export const MIGRATION_LOCK_SQL = `SELECT pg_advisory_xact_lock(${SCHEMA_LOCK_SPACE_SQL}, ${LockPurpose.migrate})`;

/**
 * The NOTIFY channel for appends to this schema. Hashed because a channel name has at most 63
 * bytes and a schema name may use all of them.
 */
export const APPEND_CHANNEL_SQL = `'casetrail_events_' || md5(current_schema())`;
