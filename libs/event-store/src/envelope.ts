import { z } from 'zod';

/** ISO-8601 instant with an explicit offset, as every time in an event is written. */
export const IsoInstant = z.iso.datetime({ offset: true });

/**
 * Who did it, when, and why: required on every event (DEVELOPERS.md, "Event sourcing done right").
 * Loose: later concerns (hash chain, applied policy) add their own keys beside these.
 */
export const EventMetadataInputSchema = z.looseObject({
  actorId: z.string().min(1).max(200),
  actorRole: z.string().min(1).max(50),
  agency: z.string().min(1).max(100),
  correlationId: z.string().min(1).max(200),
  causationId: z.string().min(1).max(200),
  commandId: z.string().min(1).max(200),
  occurredAt: IsoInstant,
});
export type EventMetadataInput = z.infer<typeof EventMetadataInputSchema>;

/** Metadata as stored: the store adds the time it recorded the event. */
export type EventMetadata = EventMetadataInput & { recordedAt: string };

/** An event a caller asks the store to append. */
export interface NewEvent<Data = unknown> {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadataInput;
}

/** An event as the store holds it. Revisions are 0-based per stream; positions are global. */
export interface RecordedEvent<Data = unknown> {
  eventId: string;
  streamId: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  /** 0-based position of the event within its stream. */
  revision: number;
  /** Global position: positive, increasing in commit order, never reused. */
  position: number;
}
