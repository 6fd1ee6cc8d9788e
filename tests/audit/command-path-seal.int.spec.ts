import { verifyStreamChain } from '@casetrail/audit';
import { EventStore, SqliteEventStore } from '@casetrail/event-store';
import { GENESIS_HASH } from '@casetrail/workflow';
import { asbReport, AuditCasework, caseIdOf, incident } from './support/audit-casework';

const CASE = caseIdOf('asb', 1);

/** The store, with another writer getting in ahead of the next append, once. */
function withWriterFirst(inner: EventStore, before: () => Promise<unknown>): EventStore {
  let pending = true;
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property !== 'append') return Reflect.get(target, property, receiver);
      return async (...args: Parameters<EventStore['append']>) => {
        if (pending) {
          pending = false;
          await before();
        }
        return target.append(...args);
      };
    },
  });
}

describe('the command path seals what it writes', () => {
  let store: SqliteEventStore;
  beforeEach(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    await store.init();
  });
  afterEach(() => store.close());

  it('chains the first event to the genesis value and each later one to the event before it', async () => {
    const casework = new AuditCasework(store);
    const opened = await casework.send(CASE, asbReport(), '2026-03-02T10:00:00.000Z');
    await casework.send(CASE, incident('i2', '2026-03-03'), '2026-03-03T10:00:00.000Z');
    const events = await store.readStream(CASE);
    // One command can write several events: they chain to each other too.
    expect(opened.events.length).toBeGreaterThan(1);
    expect(events[0]!.metadata.previousHash).toBe(GENESIS_HASH);
    events.slice(1).forEach((event, i) => expect(event.metadata.previousHash).toBe(events[i]!.metadata.hash));
    expect(new Set(events.map((e) => e.metadata.hash)).size).toBe(events.length);
    expect(verifyStreamChain(CASE, events).intact).toBe(true);
  });

  it('seals again when another write got in first, so the retried append still chains', async () => {
    await new AuditCasework(store).send(CASE, asbReport(), '2026-03-02T10:00:00.000Z');
    const other = new AuditCasework(store);
    const racing = new AuditCasework(withWriterFirst(store, () => other.send(CASE, incident('i2', '2026-03-03'), '2026-03-03T10:00:00.000Z')));
    await racing.send(CASE, incident('i3', '2026-03-03'), '2026-03-03T10:00:01.000Z');
    const events = await store.readStream(CASE);
    expect(events.map((e) => (e.data as { incidentId?: string }).incidentId).filter(Boolean)).toEqual(['i1', 'i2', 'i3']);
    expect(verifyStreamChain(CASE, events)).toMatchObject({ intact: true, events: events.length });
  });
});
