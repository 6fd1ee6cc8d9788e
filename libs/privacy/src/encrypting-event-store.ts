import { z } from 'zod';
import { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeToAllOptions, Subscription } from '@casetrail/event-store';
import { eventHash } from '@casetrail/workflow';
import { mapPersonalFields, personalFieldsOf } from './personal-fields';
import { ERASED, isPiiEnvelope, replaceEnvelopes, subjectsIn } from './pii-envelope';
import { SubjectErasedError, SubjectKeyMissingError } from './privacy.errors';
import { openValue, sealValue, shreddedValue, SubjectKey } from './subject-cipher';
import { subjectIdOf } from './subject-id';
import { SubjectKeyStore } from './subject-key-store.port';

/** The event schemas of the stream a case id names; undefined for streams that are not cases. */
export type EventSchemasOf = (streamId: string) => Record<string, z.ZodType> | undefined;

/**
 * The event store as the rest of the application sees it: personal fields (as the case type's
 * event schemas mark them) are encrypted with their subject's key on the way in and decrypted on
 * the way out, so deciders, projections and the audit lib see plain values, or "[erased]".
 *
 * The command handler sealed each event's hash over the plain data; the store must keep a chain
 * over what it holds, so the batch is sealed again after encryption (encrypt, then hash), from
 * the same previous hash. `verify` reads the inner store and checks the ciphertext, which never
 * changes: an erasure breaks no link.
 */
export class EncryptingEventStore implements EventStore {
  readonly adapter: EventStore['adapter'];

  constructor(
    readonly inner: EventStore,
    /** The subjects' keys: for the retention report and admin tooling beside the store. */
    readonly keys: SubjectKeyStore,
    private readonly schemasOf: EventSchemasOf,
  ) {
    this.adapter = inner.adapter;
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const encrypted = await this.encryptEvents(streamId, events);
    if (encrypted === events) return this.inner.append(streamId, events, expectedRevision);
    return this.inner.append(streamId, await this.resealed(streamId, encrypted, expectedRevision), expectedRevision);
  }

  /**
   * The events with their personal fields sealed under their subjects' keys (created on first
   * use); the same array when there is nothing to seal. Also for copies of events kept elsewhere
   * (stored command responses), so that they too are shredded with the subject.
   */
  async encryptEvents<E extends { type: string; data: unknown; metadata?: { occurredAt?: string } }>(streamId: string, events: E[], now?: string): Promise<E[]> {
    const schemas = this.schemasOf(streamId);
    if (!schemas) return events;
    const slots = new Map<string, string>();
    for (const event of events) {
      const schema = schemas[event.type];
      if (schema) personalFieldsOf(schema, event.data).forEach((field) => slots.set(subjectIdOf(streamId, field.slot), field.slot));
    }
    if (slots.size === 0) return events;
    const subjects = [...slots].map(([subjectId, slot]) => ({ subjectId, caseId: streamId, slot }));
    const keys = await this.keys.ensure(subjects, events[0]?.metadata?.occurredAt ?? now ?? new Date().toISOString());
    return events.map((event) => {
      const schema = schemas[event.type];
      return schema ? { ...event, data: mapPersonalFields(schema, event.data, ({ slot, value }) => seal(streamId, slot, value, keys)) } : event;
    });
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.decrypted(await this.inner.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.decrypted(await this.inner.readAll(options));
  }

  streamRevision(streamId: string) {
    return this.inner.streamRevision(streamId);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return this.inner.subscribeToAll({
      ...options,
      onEvent: async (event) => options.onEvent((await this.decrypted([event]))[0]!),
    });
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Events with every envelope opened: the value, or "[erased]" once the subject's key is gone. */
  async decrypted(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const subjects = new Set<string>();
    events.forEach((event) => subjectsIn(event.data, subjects));
    if (subjects.size === 0) return events;
    const keys = await this.keys.keys([...subjects]);
    return events.map((event) => {
      const data = replaceEnvelopes(event.data, (envelope) => {
        const key = keys.get(envelope.s);
        if (!key) throw new SubjectKeyMissingError(envelope.s);
        return openValue(envelope, key);
      });
      return data === event.data ? event : { ...event, data };
    });
  }

  /** The batch's chain sealed again over the encrypted data, from the previous hash the handler used. */
  private async resealed(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<NewEvent[]> {
    const first = events[0]!.metadata as Record<string, unknown>;
    if (typeof first.previousHash !== 'string' || typeof first.hash !== 'string') return events;
    let revision = await this.firstRevision(streamId, expectedRevision);
    let previousHash = first.previousHash;
    return events.map((event) => {
      const metadata = { ...event.metadata, previousHash };
      const hash = eventHash(previousHash, { ...event, streamId, revision, metadata });
      previousHash = hash;
      revision += 1;
      return { ...event, metadata: { ...metadata, hash } };
    });
  }

  private async firstRevision(streamId: string, expectedRevision: ExpectedRevision): Promise<number> {
    if (typeof expectedRevision === 'number') return expectedRevision + 1;
    if (expectedRevision === 'no_stream') return 0;
    // Unconditioned: the append may still land elsewhere, and a chain sealed here would then
    // not verify. The command path always conditions its appends, so this is for other writers.
    const current = await this.inner.streamRevision(streamId);
    return current === 'no_stream' ? 0 : current + 1;
  }
}

function seal(caseId: string, slot: string, value: unknown, keys: Map<string, SubjectKey>): unknown {
  if (isPiiEnvelope(value)) return value;
  const subjectId = subjectIdOf(caseId, slot);
  const key = keys.get(subjectId);
  if (!key) throw new SubjectKeyMissingError(subjectId);
  if (key.state === 'live') return sealValue(subjectId, key.key, value);
  // A decider copying an erased value forward ("[erased]") is fine; new facts about them are not.
  if (value === ERASED) return shreddedValue(subjectId);
  throw new SubjectErasedError(subjectId, slot);
}
