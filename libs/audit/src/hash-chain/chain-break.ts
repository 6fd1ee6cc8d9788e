/**
 * How a stream's chain was broken, told apart by what the evidence left behind (docs/audit.md):
 * - modified: an event's content no longer matches the hash it was sealed with (or was re-sealed:
 *   its successor still names its old hash);
 * - deleted: revisions are missing, or an event was sealed after one the stream no longer holds;
 * - reordered: an event was sealed at another revision, after an event that now comes later;
 * - inserted: an event that was not in the chain: a copy of another's seal, one that names a
 *   predecessor the stream does not hold, or one its successor skips;
 * - unsealed: an event without a hash (written before the chain existed, or its seal stripped).
 */
export type ChainBreakKind = 'modified' | 'deleted' | 'reordered' | 'inserted' | 'unsealed';

export interface ChainBreak {
  kind: ChainBreakKind;
  /** The revision the break is at: the offending event's, or the first one missing. */
  revision: number;
  /** The offending event, when there is one (a deletion has none). */
  eventId: string | null;
  position: number | null;
  detail: string;
}

export interface StreamVerification {
  streamId: string;
  /** Events found in the stream. */
  events: number;
  /** The last event's hash: what to compare with a copy kept elsewhere (an audit pack, say). */
  headHash: string | null;
  intact: boolean;
  /** The first broken link; later links are not judged, as everything after a break is suspect. */
  firstBreak: ChainBreak | null;
}
