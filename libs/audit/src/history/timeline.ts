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

/** A data subject of the case whose key was destroyed (docs/privacy.md): no personal data. */
export interface CaseErasure {
  at: string;
  subjectId: string;
  /** Who in the case, e.g. `victims[0]`. */
  slot: string;
  actor: HistoryEntry['actor'];
  reason: string;
}

export type TimelineEntry =
  | { kind: 'event'; at: string; revision: number; type: string; description: string; actor: HistoryEntry['actor']; reason: string | null }
  | { kind: 'read'; at: string; description: string; actor: HistoryEntry['actor']; endpoint: string; requestId: string }
  | { kind: 'erasure'; at: string; description: string; actor: HistoryEntry['actor']; reason: string; subjectId: string; slot: string };

type SideEntry = Exclude<TimelineEntry, { kind: 'event' }>;

/**
 * What was done to the case, who looked at it, and whose personal data was erased, in one
 * sequence. Events keep their stream order (the order of record, whatever their clocks say); each
 * read or erasure is placed after the events that had happened by its time. Event times are the
 * command times, stamped by the same API clock as the reads and erasures.
 */
export function mergeTimeline(history: readonly HistoryEntry[], reads: readonly CaseRead[], erasures: readonly CaseErasure[] = []): TimelineEntry[] {
  const sortedReads: SideEntry[] = [...reads.map(readEntry), ...erasures.map(erasureEntry)].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const timeline: TimelineEntry[] = [];
  let next = 0;
  for (const entry of history) {
    const at = Date.parse(entry.occurredAt);
    while (next < sortedReads.length && Date.parse(sortedReads[next]!.at) < at) timeline.push(sortedReads[next++]!);
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
  while (next < sortedReads.length) timeline.push(sortedReads[next++]!);
  return timeline;
}

function erasureEntry(erasure: CaseErasure): SideEntry {
  const { actor } = erasure;
  return {
    kind: 'erasure',
    at: erasure.at,
    description: `Personal data of ${erasure.slot} erased by ${actor.id} (${actor.role}, ${actor.agency}); it now reads "[erased]"`,
    actor,
    reason: erasure.reason,
    subjectId: erasure.subjectId,
    slot: erasure.slot,
  };
}

function readEntry(read: CaseRead): SideEntry {
  return {
    kind: 'read',
    at: read.at,
    description: `Read by ${read.userId} (${read.role}, ${read.agency}) through ${read.endpoint}`,
    actor: { id: read.userId, role: read.role, agency: read.agency },
    endpoint: read.endpoint,
    requestId: read.requestId,
  };
}
