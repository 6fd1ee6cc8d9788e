// Type aliases, not interfaces: Kysely's withTables<T> needs an index-signature-compatible T.

/** One hashed key of one case (repeat-keys.ts). No names, dates of birth or addresses in clear. */
export type RepeatKeyTable = {
  key_hash: string;
  kind: string;
  case_id: string;
  case_type: string;
  /** Global position of the event that recorded the key: earlier cases list first. */
  seen_at_position: number;
  /** On a case's `da-pair` key: the London date of its latest MARAC referral, if any. */
  marac_referred_on: string | null;
};

export type RepeatIndexTables = {
  repeat_keys: RepeatKeyTable;
};
