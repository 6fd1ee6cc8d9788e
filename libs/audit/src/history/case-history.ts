import { RecordedEvent } from '@casetrail/event-store';
import { describeEvent } from './describe-event';
import { reasonOf } from './reason';

/** One event of a case's history, as an auditor reads it. */
export interface HistoryEntry {
  eventId: string;
  revision: number;
  position: number;
  type: string;
  schemaVersion: number;
  description: string;
  actor: { id: string; role: string; agency: string };
  /** The reason, note or summary the person gave, as written; null when there is none. */
  reason: string | null;
  /** When it happened (the command's time) and when the store recorded it. */
  occurredAt: string;
  recordedAt: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  data: unknown;
}

/** A case's events (upcast, in stream order) with a sentence, the actor and the reason for each. */
export function describeHistory(caseType: string, events: readonly RecordedEvent[]): HistoryEntry[] {
  return events.map((event) => ({
    eventId: event.eventId,
    revision: event.revision,
    position: event.position,
    type: event.type,
    schemaVersion: event.schemaVersion,
    description: describeEvent(caseType, event).description,
    actor: { id: event.metadata.actorId, role: event.metadata.actorRole, agency: event.metadata.agency },
    reason: reasonOf(event.data),
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.metadata.recordedAt,
    commandId: event.metadata.commandId,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId,
    data: event.data,
  }));
}
