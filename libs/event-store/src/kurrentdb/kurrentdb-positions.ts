import { ANY, NO_STREAM, START, STREAM_EXISTS } from '@kurrent/kurrentdb-client';
import type { AppendStreamState, CurrentStreamState, Position, ReadPosition } from '@kurrent/kurrentdb-client';
import { CurrentRevision, ExpectedRevision } from '../expected-revision';

/**
 * KurrentDB places every event at a log position, a pair (commit, prepare) of byte offsets in its
 * transaction file. Every append Casetrail makes goes through gRPC as one implicit transaction, and
 * for those the server reports commit == prepare == the event's own log position, in $all reads
 * and (since 22.6) in stream reads alike. That one offset is the port's global position: positive,
 * increasing in $all order, never reused. Only the legacy TCP API's explicit transactions give a
 * commit position apart from the prepare one; Casetrail never writes them and refuses to read them
 * (docs/adr/0011-kurrentdb-adapter.md).
 */
export class UnsupportedPositionError extends Error {
  constructor(detail: string) {
    super(`KurrentDB position not usable as a Casetrail global position: ${detail}`);
    this.name = 'UnsupportedPositionError';
  }
}

export function toGlobalPosition(position: Position | undefined): number {
  if (!position) {
    throw new UnsupportedPositionError('the server sent no position (stream reads carry one from KurrentDB/EventStoreDB 22.6 on)');
  }
  if (position.commit !== position.prepare) {
    throw new UnsupportedPositionError(
      `commit ${position.commit} differs from prepare ${position.prepare} (an explicit transaction, written by the legacy TCP API)`,
    );
  }
  if (position.commit <= 0n || position.commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new UnsupportedPositionError(`${position.commit} is outside 1..2^53-1`);
  }
  return Number(position.commit);
}

/**
 * Where a read of $all must start to return what comes strictly after the checkpoint `after`.
 * KurrentDB reads from a position inclusively, so the event at `after` itself comes back first and
 * the caller drops it (see `isAfter`). 0 means "from the start".
 */
export function readPositionAfter(after: number): ReadPosition {
  if (after === 0) return START;
  const at = BigInt(after);
  return { commit: at, prepare: at };
}

/** True for an event a reader resuming after `checkpoint` has not seen yet. */
export function isAfter(position: number, checkpoint: number): boolean {
  return position > checkpoint;
}

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** The server's idea of the stream's state, as the port's CurrentRevision. */
export function toCurrentRevision(state: CurrentStreamState | undefined): CurrentRevision {
  if (state === undefined || state === NO_STREAM || state < 0n) return 'no_stream';
  return toRevision(state);
}

export function toRevision(revision: bigint): number {
  if (revision < 0n || revision > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`stream revision ${revision} is outside 0..2^53-1`);
  }
  return Number(revision);
}
