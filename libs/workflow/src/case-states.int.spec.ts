import { EventStore, ReadStreamOptions, SqliteEventStore, WrongExpectedRevisionError } from '@casetrail/event-store';
import { loadCase } from './case-loader';
import { CaseStates } from './case-states';
import { CommandRequest, handleCommand } from './command-handler';
import { commandEventId } from './event-id';
import { ToyCommand, toyCalendar, toyDefinition, toyPolicy } from './testing/toy-case.fixture';

const CASE = 'toy-5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const OPEN: ToyCommand = { type: 'OpenToy', data: { title: 'Graffiti on the bridge', recipient: { name: 'A Person', dateOfBirth: '1990-01-02' } } };
const note = (text: string): ToyCommand => ({ type: 'AddNote', data: { text } });

/** The real store, recording every readStream call: how much of the stream each use read. */
function countingStore(inner: EventStore): EventStore & { reads: ReadStreamOptions[] } {
  const reads: ReadStreamOptions[] = [];
  return Object.assign(Object.create(inner) as EventStore, {
    reads,
    readStream: (streamId: string, options?: ReadStreamOptions) => {
      reads.push(options ?? {});
      return inner.readStream(streamId, options);
    },
    append: (...args: Parameters<EventStore['append']>) => inner.append(...args),
  });
}
const wholeReads = (store: { reads: ReadStreamOptions[] }) => store.reads.filter((o) => o.fromRevision === undefined).length;

let sqlite: SqliteEventStore;
let store: ReturnType<typeof countingStore>;
let clockMs: number;
let states: CaseStates;
beforeEach(async () => {
  sqlite = new SqliteEventStore({ path: ':memory:' });
  await sqlite.init();
  store = countingStore(sqlite);
  clockMs = 1_000_000;
  states = new CaseStates({ capacity: 2, lifetimeMs: 10_000, now: () => clockMs });
});
afterEach(() => sqlite.close());

let commandNo = 0;
function request(command: ToyCommand, overrides: Partial<CommandRequest<ToyCommand>> = {}): CommandRequest<ToyCommand> {
  return { caseId: CASE, command, actor: { id: 'officer-1', role: 'caseworker', agency: 'tmbc' }, commandId: `cmd-${++commandNo}`, correlationId: 'c', occurredAt: '2026-04-02T10:00:00.000Z', ...overrides };
}
/** Through the kept states (this process), or without them on the plain store (another process). */
const handle = (req: CommandRequest<ToyCommand>, on: EventStore = store, withStates = true) =>
  handleCommand({ store: on, definition: toyDefinition, policy: toyPolicy, calendar: toyCalendar, ...(withStates ? { states } : {}) }, req);

describe('CaseStates', () => {
  it('has nothing for a case without events', async () => {
    expect(await states.current(store, toyDefinition, CASE)).toBeUndefined();
    expect(states.size).toBe(0);
  });

  it('keeps the state a command wrote, and the next command reads only the events after it', async () => {
    await handle(request(OPEN));
    await handle(request(note('first')));
    await handle(request(note('second')));
    // The open found no stream (one whole read); every later read started after the kept revision.
    expect(wholeReads(store)).toBe(1);
    const snapshot = await states.current(store, toyDefinition, CASE);
    const loaded = await loadCase(sqlite, toyDefinition, CASE);
    expect(snapshot).toMatchObject({ state: loaded.state, revision: loaded.revision, last: loaded.events.at(-1) });
    expect(snapshot!.commandIds).toEqual(new Set(loaded.events.map((e) => e.metadata.commandId)));
  });

  it('folds in what another process wrote since, checked against the kept event', async () => {
    await handle(request(OPEN));
    await handle(request(note('ours')));
    await handle(request(note('theirs')), sqlite, false);
    const outcome = await handle(request(note('ours again')));
    expect(outcome.revision).toBe(5);
    expect(wholeReads(store)).toBe(1);
    expect((await states.current(store, toyDefinition, CASE))!.state).toEqual((await loadCase(sqlite, toyDefinition, CASE)).state);
    expect((await loadCase(sqlite, toyDefinition, CASE)).state).toMatchObject({ notes: ['ours', 'theirs', 'ours again'] });
  });

  it('reads the stream whole when the events after the kept one do not link to it', async () => {
    await handle(request(OPEN));
    const kept = (await states.current(store, toyDefinition, CASE))!;
    // Another stream under the same id behind the same store object (a database replaced under
    // the process): its events after the kept revision were sealed after another hash.
    const other = new SqliteEventStore({ path: ':memory:' });
    await other.init();
    try {
      await handle(request(OPEN, { commandId: 'their-open' }), other, false);
      await handle(request(note('theirs')), other, false);
      store.readStream = (id, options) => {
        store.reads.push(options ?? {});
        return other.readStream(id, options);
      };
      const before = wholeReads(store);
      const current = await states.current(store, toyDefinition, CASE);
      expect(wholeReads(store)).toBe(before + 1);
      expect(current!.commandIds.has('their-open')).toBe(true);
      expect(current!.state).toEqual((await loadCase(other, toyDefinition, CASE)).state);
      expect(current!.last.eventId).not.toBe(kept.last.eventId);
    } finally {
      await other.close();
    }
  });

  it('reads the stream whole again once its lifetime is over, however often it was advanced', async () => {
    await handle(request(OPEN));
    clockMs += 6_000;
    await handle(request(note('first')));
    clockMs += 5_000;
    const before = wholeReads(store);
    await states.current(store, toyDefinition, CASE);
    expect(wholeReads(store)).toBe(before + 1);
  });

  it('forgets everything on clear, and a read begun before it does not put its state back', async () => {
    await handle(request(OPEN));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = Object.assign(Object.create(store) as EventStore, {
      readStream: async (id: string, o?: ReadStreamOptions) => {
        const events = await store.readStream(id, o);
        await gate;
        return events;
      },
    });
    const states2 = new CaseStates({ now: () => clockMs });
    const reading = states2.current(slow, toyDefinition, CASE);
    states2.clear();
    release();
    expect(await reading).toBeDefined();
    expect(states2.size).toBe(0);
    states.clear();
    expect(states.size).toBe(0);
    const before = wholeReads(store);
    await states.current(store, toyDefinition, CASE);
    expect(wholeReads(store)).toBe(before + 1);
  });

  it('keeps at most `capacity` cases, dropping the least recently used', async () => {
    const ids = [1, 2, 3].map((n) => `toy-00000000-0000-4000-8000-00000000000${n}`);
    for (const caseId of ids) await handle(request(OPEN, { caseId }));
    expect(states.size).toBe(2);
    const before = wholeReads(store);
    await states.current(store, toyDefinition, ids[0]!);
    expect(wholeReads(store)).toBe(before + 1);
    await states.current(store, toyDefinition, ids[2]!);
    expect(wholeReads(store)).toBe(before + 1);
  });

  it('never changes a kept state when a command decides on it', async () => {
    await handle(request(OPEN));
    const kept = (await states.current(store, toyDefinition, CASE))!;
    const copy = structuredClone(kept.state);
    await handle(request(note('first')));
    expect(kept.state).toEqual(copy);
  });
});

describe('handleCommand with kept states', () => {
  it('still refuses a conditioned command when another writer got in first', async () => {
    await handle(request(OPEN));
    await states.current(store, toyDefinition, CASE);
    const racing = Object.assign(Object.create(store) as EventStore, {
      append: async (...args: Parameters<EventStore['append']>) => {
        await handle(request(note('theirs')), sqlite, false);
        return sqlite.append(...args);
      },
    });
    await expect(handle(request({ type: 'CloseToy', data: { reason: 'resolved' } }, { expectedRevision: 1 }), racing)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect((await loadCase(sqlite, toyDefinition, CASE)).state.status).toBe('open');
  });

  it('decides an unconditioned command again on the newer state after a racing write', async () => {
    await handle(request(OPEN));
    let raced = false;
    const racing = Object.assign(Object.create(store) as EventStore, {
      append: async (...args: Parameters<EventStore['append']>) => {
        if (!raced) {
          raced = true;
          await handle(request(note('theirs')), sqlite, false);
        }
        return sqlite.append(...args);
      },
    });
    const outcome = await handle(request(note('mine')), racing);
    // Their note met the deadline, so deciding again records no second DeadlineMet.
    expect(outcome.events.map((e) => e.type)).toEqual(['NoteAdded']);
    expect((await states.current(store, toyDefinition, CASE))!.state).toEqual((await loadCase(sqlite, toyDefinition, CASE)).state);
  });

  it('answers a retried command with its first outcome', async () => {
    await handle(request(OPEN));
    const first = await handle(request(note('first'), { commandId: 'note-1' }));
    await handle(request(note('second')));
    const retried = await handle(request(note('first, again'), { commandId: 'note-1' }));
    expect(retried).toEqual({ ...first, duplicate: true });
    expect(retried.events.map((e) => e.eventId)).toEqual([commandEventId('note-1', 0), commandEventId('note-1', 1)]);
  });
});
