import { EventMetadataInput, NewEvent } from '@casetrail/event-store';
import { Actor, DomainEvent } from './decider';
import { commandEventId } from './event-id';
import { eventHash } from './event-hash';
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

/** Where the decided events go: their stream, the revision of the first, and the hash it follows. */
export interface ChainPosition {
  streamId: string;
  firstRevision: number;
  previousHash: string;
}

/**
 * The decided events as the store takes them, with ids a retry of the command reproduces exactly,
 * each sealed into the stream's hash chain (`previousHash`, `hash`: ADR 0007).
 */
export function toNewEvents(
  events: DomainEvent[],
  registry: UpcasterRegistry,
  provenance: CommandProvenance,
  chain: ChainPosition,
): NewEvent[] {
  const metadata = commandMetadata(provenance);
  let previousHash = chain.previousHash;
  return events.map((event, index) => {
    const unsealed = {
      eventId: commandEventId(provenance.commandId, index),
      type: event.type,
      // Deciders emit the current shape; the version is what upcasting produces for the type.
      schemaVersion: event.schemaVersion ?? registry.currentVersion(event.type),
      data: event.data,
    };
    const hash = eventHash(previousHash, { ...unsealed, streamId: chain.streamId, revision: chain.firstRevision + index, metadata });
    const sealed = { ...unsealed, metadata: { ...metadata, previousHash, hash } };
    previousHash = hash;
    return sealed;
  });
}
