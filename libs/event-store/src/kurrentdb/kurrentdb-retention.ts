import type { StreamMetadata } from '@kurrent/kurrentdb-client';

/**
 * What a retention policy may ask of one stream. KurrentDB enforces it through the stream's
 * metadata: events the rule excludes vanish from reads at once and from disk at the next scavenge.
 * - `maxAgeDays`: events older than this are dropped (a rolling window);
 * - `truncateBefore`: events before this revision are dropped (the stream keeps its later events
 *   and its revision numbers).
 */
export interface StreamRetention {
  maxAgeDays?: number;
  truncateBefore?: number;
}

const SECONDS_PER_DAY = 86_400;

/** The KurrentDB stream metadata for a retention rule; refuses a rule that would keep nothing sensible. */
export function retentionMetadata(retention: StreamRetention): StreamMetadata {
  const metadata: StreamMetadata = {};
  if (retention.maxAgeDays !== undefined) {
    if (!Number.isSafeInteger(retention.maxAgeDays) || retention.maxAgeDays < 1) {
      throw new RangeError(`maxAgeDays must be a whole number of days >= 1, got ${retention.maxAgeDays}`);
    }
    metadata.maxAge = retention.maxAgeDays * SECONDS_PER_DAY;
  }
  if (retention.truncateBefore !== undefined) {
    if (!Number.isSafeInteger(retention.truncateBefore) || retention.truncateBefore < 0) {
      throw new RangeError(`truncateBefore must be a revision >= 0, got ${retention.truncateBefore}`);
    }
    metadata.truncateBefore = retention.truncateBefore;
  }
  if (Object.keys(metadata).length === 0) throw new RangeError('a retention rule needs maxAgeDays or truncateBefore');
  return metadata;
}
