/**
 * What the writer believes about the stream before appending.
 * - `any`: no check;
 * - `no_stream`: the stream must not exist yet;
 * - `stream_exists`: the stream must have at least one event;
 * - a number n: the stream's last revision must be exactly n.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** The stream's last revision, or `no_stream` when it has no events. */
export type CurrentRevision = number | 'no_stream';

export function describeRevision(value: ExpectedRevision | CurrentRevision): string {
  return typeof value === 'number' ? `revision ${value}` : value;
}

/** True when `current` satisfies `expected`. */
export function revisionMatches(expected: ExpectedRevision, current: CurrentRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 'no_stream';
    case 'stream_exists':
      return current !== 'no_stream';
    default:
      return current === expected;
  }
}
