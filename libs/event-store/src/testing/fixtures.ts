import { randomUUID } from 'node:crypto';
import { NewEvent } from '../envelope';

let counter = 0;

/** A valid event with a fresh id; pass overrides to test one thing at a time. */
export function anEvent(type = 'IncidentLogged', data: unknown = { n: ++counter }, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actorId: 'user-1',
      actorRole: 'caseworker',
      agency: 'tmbc',
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      commandId: 'cmd-1',
      occurredAt: '2026-03-01T10:00:00.000Z',
    },
    ...overrides,
  };
}

export function events(count: number, type = 'IncidentLogged'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => anEvent(type, { i }));
}

export function uniqueStream(prefix = 'asb'): string {
  return `${prefix}-${randomUUID()}`;
}
