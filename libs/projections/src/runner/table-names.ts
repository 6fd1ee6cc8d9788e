import { TableNames } from '../projection';

/** Appended to a table's name while it is rebuilt beside the live one. */
export const SHADOW_SUFFIX = '__shadow';

/** The live tables: logical name = physical name. */
export function liveTableNames<Tables>(): TableNames<Tables> {
  return { table: (logical) => logical, index: (logical, suffix) => `${logical}_${suffix}` };
}

/**
 * The shadow tables a rebuild writes. Index names follow the physical table name, so a shadow's
 * indexes never collide with the live ones; the swap renames them to their live names.
 */
export function shadowTableNames<Tables>(): TableNames<Tables> {
  return {
    // The physical name differs from the logical key by design: Kysely only needs a string.
    table: <K extends keyof Tables & string>(logical: K) => `${logical}${SHADOW_SUFFIX}` as K,
    index: (logical, suffix) => `${logical}${SHADOW_SUFFIX}_${suffix}`,
  };
}
