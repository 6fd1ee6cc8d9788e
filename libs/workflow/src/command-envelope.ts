import { EventMetadataInput, NewEvent } from '@casetrail/event-store';
import { Actor, DomainEvent } from './decider';
import { commandEventId } from './event-id';
import { UpcasterRegistry } from './upcasters';

export interface CommandProvenance {
  actor: Actor;
  commandId: string;
  correlationId: string;
  /** What caused the command; a command sent by a person causes itself. */
  causationId?: string;
  occurredAt: string;
}

/** Who, when and why, written on every event a command causes. */
export function commandMetadata(provenance: CommandProvenance): EventMetadataInput {
  return {
    actorId: provenance.actor.id,
    actorRole: provenance.actor.role,
    agency: provenance.actor.agency,
    correlationId: provenance.correlationId,
    causationId: provenance.causationId ?? provenance.commandId,
    commandId: provenance.commandId,
    occurredAt: provenance.occurredAt,
  };
}

/** The decided events as the store takes them, with ids a retry of the command reproduces exactly. */
export function toNewEvents(events: DomainEvent[], registry: UpcasterRegistry, provenance: CommandProvenance): NewEvent[] {
  const metadata = commandMetadata(provenance);
  return events.map((event, index) => ({
    eventId: commandEventId(provenance.commandId, index),
    type: event.type,
    // Deciders emit the current shape; the version is what upcasting produces for the type.
    schemaVersion: event.schemaVersion ?? registry.currentVersion(event.type),
    data: event.data,
    metadata: { ...metadata },
  }));
}
