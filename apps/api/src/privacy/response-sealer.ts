import { RecordedEvent } from '@casetrail/event-store';
import { EncryptingEventStore } from '@casetrail/privacy';
import { PersonalDataSealer } from './privacy.tokens';

interface EventsBody {
  events: { type: string; data: unknown }[];
}

const hasEvents = (body: unknown): body is EventsBody =>
  typeof body === 'object' && body !== null && Array.isArray((body as Partial<EventsBody>).events);

/**
 * A command's response lists the events it wrote, data included. Kept for Idempotency-Key
 * replays, that copy is sealed like the events themselves, under the same subjects' keys, so an
 * erasure shreds it too.
 */
export class ResponseSealer implements PersonalDataSealer {
  constructor(private readonly store: EncryptingEventStore) {}

  async seal(caseId: string, body: unknown): Promise<unknown> {
    if (!hasEvents(body)) return body;
    return { ...body, events: await this.store.encryptEvents(caseId, body.events) };
  }

  async open(body: unknown): Promise<unknown> {
    if (!hasEvents(body)) return body;
    const opened = await this.store.decrypted(body.events as unknown as RecordedEvent[]);
    return { ...body, events: opened };
  }
}
