import { HistoryEntry } from './case-history';

/** A read of the case from the access log (restricted cases only are logged). */
export interface CaseRead {
  at: string;
  userId: string;
  role: string;
  agency: string;
  endpoint: string;
  requestId: string;
}

export type TimelineEntry =
  | { kind: 'event'; at: string; revision: number; type: string; description: string; actor: HistoryEntry['actor']; reason: string | null }
  | { kind: 'read'; at: string; description: string; actor: HistoryEntry['actor']; endpoint: string; requestId: string };

/**
 * What was done to the case and who looked at it, in one sequence. Events keep their stream
 * order (the order of record, whatever their clocks say); each read is placed after the events
 * that had happened by its time. Event times are the command times, stamped by the same API
 * clock as the reads.
 */
export function mergeTimeline(history: readonly HistoryEntry[], reads: readonly CaseRead[]): TimelineEntry[] {
  const sortedReads = [...reads].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const timeline: TimelineEntry[] = [];
  let next = 0;
  for (const entry of history) {
    const at = Date.parse(entry.occurredAt);
    while (next < sortedReads.length && Date.parse(sortedReads[next]!.at) < at) timeline.push(readEntry(sortedReads[next++]!));
    timeline.push({
      kind: 'event',
      at: entry.occurredAt,
      revision: entry.revision,
      type: entry.type,
      description: entry.description,
      actor: entry.actor,
      reason: entry.reason,
    });
  }
  while (next < sortedReads.length) timeline.push(readEntry(sortedReads[next++]!));
  return timeline;
}

function readEntry(read: CaseRead): TimelineEntry {
  return {
    kind: 'read',
    at: read.at,
    description: `Read by ${read.userId} (${read.role}, ${read.agency}) through ${read.endpoint}`,
    actor: { id: read.userId, role: read.role, agency: read.agency },
    endpoint: read.endpoint,
    requestId: read.requestId,
  };
}
