import { EventStore, SqliteEventStore, WrongExpectedRevisionError } from '@casetrail/event-store';
import { loadCase } from './case-loader';
import { CaseNotFoundError } from './command-errors';
import { CommandRequest, handleCommand } from './command-handler';
import { Actor, DomainRuleError } from './decider';
import { commandEventId } from './event-id';
import { ToyCommand, toyCalendar, toyDefinition, toyPolicy } from './testing/toy-case.fixture';

const officer: Actor = { id: 'officer-7', role: 'caseworker', agency: 'tmbc' };
const CASE = 'toy-0b3a4c1e-2f4d-4e5a-9b6c-7d8e9f0a1b2c';
const OPEN: ToyCommand = { type: 'OpenToy', data: { title: 'Noise at no. 4', recipient: { name: 'A Person', dateOfBirth: '2001-05-06' } } };

let store: SqliteEventStore;
let clock: Date;
beforeEach(async () => {
  clock = new Date('2026-04-02T10:00:05Z');
  store = new SqliteEventStore({ path: ':memory:', now: () => clock });
  await store.init();
});
afterEach(() => store.close());

let commandNo = 0;
function request(command: ToyCommand, overrides: Partial<CommandRequest<ToyCommand>> = {}): CommandRequest<ToyCommand> {
  return {
    caseId: CASE,
    command,
    actor: officer,
    commandId: `cmd-${++commandNo}`,
    correlationId: 'corr-1',
    occurredAt: '2026-04-02T10:00:00.000Z',
    ...overrides,
  };
}
function handle(req: CommandRequest<ToyCommand>, on: EventStore = store) {
  return handleCommand({ store: on, definition: toyDefinition, policy: toyPolicy, calendar: toyCalendar }, req);
}
const note = (text: string): ToyCommand => ({ type: 'AddNote', data: { text } });

/** The real store, with `before` run ahead of the next `times` appends: another writer getting in first. */
function withWriterBeforeAppend(inner: EventStore, before: () => Promise<unknown>, times = 1): EventStore & { appends: number } {
  let remaining = times;
  const wrapped = {
    appends: 0,
    adapter: inner.adapter,
    init: () => inner.init(),
    append: async (...args: Parameters<EventStore['append']>) => {
      wrapped.appends += 1;
      if (remaining > 0) {
        remaining -= 1;
        await before();
      }
      return inner.append(...args);
    },
    readStream: (...args: Parameters<EventStore['readStream']>) => inner.readStream(...args),
    readAll: (...args: Parameters<EventStore['readAll']>) => inner.readAll(...args),
    streamRevision: (streamId: string) => inner.streamRevision(streamId),
    headPosition: () => inner.headPosition(),
    subscribeToAll: (...args: Parameters<EventStore['subscribeToAll']>) => inner.subscribeToAll(...args),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  return wrapped;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the command to be refused');
}

describe('handleCommand', () => {
  it('opens a case, applying policy and working days, and records who, when and why on every event', async () => {
    const outcome = await handle(request(OPEN, { commandId: 'open-1', causationId: 'referral-9' }));
    expect(outcome).toMatchObject({ caseId: CASE, revision: 1, duplicate: false });
    expect(outcome.events.map((e) => e.type)).toEqual(['ToyOpened', 'DeadlineScheduled']);
    // Thursday 2 April 2026 + 5 working days, skipping Good Friday and Easter Monday: Monday 13 April (BST).
    expect(outcome.events[1]!.data).toEqual({
      deadlineId: `${CASE}/FIRST_NOTE`,
      rule: 'FIRST_NOTE',
      dueAt: '2026-04-13T22:59:59.999Z',
      applied: { 'toy.firstNoteWorkingDays': 5 },
    });
    for (const event of outcome.events) {
      expect(event.metadata).toEqual({
        actorId: 'officer-7',
        actorRole: 'caseworker',
        agency: 'tmbc',
        correlationId: 'corr-1',
        causationId: 'referral-9',
        commandId: 'open-1',
        occurredAt: '2026-04-02T10:00:00.000Z',
        recordedAt: '2026-04-02T10:00:05.000Z',
        // The hash chain (ADR 0007); tests/audit checks how the links are made.
        previousHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    }
    expect(outcome.position).toBe(outcome.events[1]!.position);
    expect(await store.readStream(CASE)).toEqual(outcome.events);
  });

  it('derives event ids from the command id and index, and the causation from the command by default', async () => {
    await handle(request(OPEN));
    const { events } = await handle(request(note('first'), { commandId: 'note-1' }));
    expect(events.map((e) => e.eventId)).toEqual([commandEventId('note-1', 0), commandEventId('note-1', 1)]);
    expect(events.map((e) => e.metadata.causationId)).toEqual(['note-1', 'note-1']);
  });

  it('writes the current schema version of each event type', async () => {
    await handle(request(OPEN));
    const { events } = await handle(request(note('first')));
    expect(events.map((e) => [e.type, e.schemaVersion])).toEqual([
      ['NoteAdded', 2],
      ['DeadlineMet', 1],
    ]);
  });

  it('answers a retried command with its first outcome and writes nothing, even if the case moved on', async () => {
    await handle(request(OPEN));
    const first = await handle(request(note('first'), { commandId: 'note-1' }));
    await handle(request(note('second')));
    const head = await store.headPosition();
    const retried = await handle(request(note('first, sent again'), { commandId: 'note-1', occurredAt: '2026-04-03T09:00:00Z' }));
    expect(retried).toEqual({ ...first, duplicate: true });
    expect(await store.headPosition()).toBe(head);
    expect((await loadCase(store, toyDefinition, CASE)).state).toMatchObject({ notes: ['first', 'second'] });
  });

  it('answers a retried open with its first outcome', async () => {
    const first = await handle(request(OPEN, { commandId: 'open-1' }));
    expect(await handle(request(OPEN, { commandId: 'open-1' }))).toEqual({ ...first, duplicate: true });
  });

  it('decides again on the new state when another writer got in first and the caller did not condition', async () => {
    await handle(request(OPEN));
    const racing = withWriterBeforeAppend(store, () => handle(request(note('theirs'))));
    const outcome = await handle(request(note('mine')), racing);
    expect(racing.appends).toBe(2);
    expect(outcome.revision).toBe(4);
    // Their note met the deadline, so deciding again on the new state records no second DeadlineMet.
    expect(outcome.events.map((e) => e.type)).toEqual(['NoteAdded']);
    expect((await loadCase(store, toyDefinition, CASE)).state).toMatchObject({ notes: ['theirs', 'mine'] });
  });

  it('decides on the events the caller already read, and reads afresh when they turn out stale', async () => {
    await handle(request(OPEN));
    const known = await store.readStream(CASE);
    await handle(request(note('theirs')));
    const outcome = await handle(request(note('mine'), { knownEvents: known }));
    expect((await loadCase(store, toyDefinition, CASE)).state).toMatchObject({ notes: ['theirs', 'mine'] });
    expect(outcome.events.map((e) => e.type)).toEqual(['NoteAdded']);
  });

  it('refuses when another writer got in first and the caller conditioned on the revision it saw', async () => {
    await handle(request(OPEN));
    const racing = withWriterBeforeAppend(store, () => handle(request(note('theirs'))));
    const error = await rejection(handle(request({ type: 'CloseToy', data: { reason: 'resolved' } }, { expectedRevision: 1 }), racing));
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(racing.appends).toBe(1);
    expect((await loadCase(store, toyDefinition, CASE)).state.status).toBe('open');
  });

  it('refuses a conditioned command on a revision the case has moved past, before deciding', async () => {
    await handle(request(OPEN));
    await handle(request(note('first')));
    const error = await rejection(handle(request({ type: 'CloseToy', data: { reason: 'resolved' } }, { expectedRevision: 1 })));
    expect(error).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', expected: 1, actual: 3 });
    expect(await store.streamRevision(CASE)).toBe(3);
  });

  it('gives up after maxRetries when other writers keep getting in first', async () => {
    await handle(request(OPEN));
    const busy = withWriterBeforeAppend(store, () => handle(request(note('theirs'))), 10);
    const error = await rejection(handle(request(note('mine'), { maxRetries: 2 }), busy));
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(busy.appends).toBe(3);
  });

  it('refuses a command to a case that does not exist', async () => {
    const error = await rejection(handle(request(note('first'))));
    expect(error).toBeInstanceOf(CaseNotFoundError);
    expect(error).toMatchObject({ code: 'CASE_NOT_FOUND', caseId: CASE });
    expect(await store.streamRevision(CASE)).toBe('no_stream');
  });

  it('refuses to open a case twice', async () => {
    await handle(request(OPEN));
    const error = await rejection(handle(request(OPEN)));
    expect(error).toBeInstanceOf(DomainRuleError);
    expect((error as DomainRuleError).code).toBe('CASE_ALREADY_EXISTS');
    expect(await store.streamRevision(CASE)).toBe(1);
  });

  it('turns a concurrent second open into CASE_ALREADY_EXISTS', async () => {
    const racing = withWriterBeforeAppend(store, () => handle(request(OPEN)));
    const error = await rejection(handle(request(OPEN), racing));
    expect((error as DomainRuleError).code).toBe('CASE_ALREADY_EXISTS');
  });

  it('writes nothing for a no-op and returns where the case stands', async () => {
    await handle(request(OPEN));
    const { events: met } = await handle(request(note('first')));
    const head = await store.headPosition();
    const expire = { type: 'ExpireDeadline' as const, data: { deadlineId: `${CASE}/FIRST_NOTE`, dueAt: '2026-04-13T22:59:59.999Z' } };
    const outcome = await handle(request(expire, { occurredAt: '2026-04-14T08:00:00Z' }));
    expect(outcome).toEqual({ caseId: CASE, revision: 3, position: met[1]!.position, events: [], duplicate: false });
    expect(await store.headPosition()).toBe(head);
  });

  it('routes ExpireDeadline to the case decider', async () => {
    await handle(request(OPEN));
    const expire = { type: 'ExpireDeadline' as const, data: { deadlineId: `${CASE}/FIRST_NOTE`, dueAt: '2026-04-13T22:59:59.999Z' } };
    const outcome = await handle(request(expire, { actor: { id: 'scheduler', role: 'system', agency: 'casetrail' }, occurredAt: '2026-04-14T08:00:00Z' }));
    expect(outcome.events.map((e) => [e.type, e.metadata.actorRole])).toEqual([['DeadlineMissed', 'system']]);
  });

  it('lets a rule refusal through and writes nothing', async () => {
    await handle(request(OPEN));
    await handle(request({ type: 'CloseToy', data: { reason: 'resolved' } }));
    const error = await rejection(handle(request(note('late'))));
    expect((error as DomainRuleError).code).toBe('TOY_NOT_OPEN');
    expect(await store.streamRevision(CASE)).toBe(3);
  });
});

describe('loadCase', () => {
  const v1Note = (text: string, commandId: string) => ({
    eventId: commandEventId(commandId, 0),
    type: 'NoteAdded',
    schemaVersion: 1,
    data: { note: text },
    metadata: { actorId: 'legacy', actorRole: 'caseworker', agency: 'tmbc', correlationId: 'c', causationId: commandId, commandId, occurredAt: '2025-01-01T09:00:00Z' },
  });

  it('reads an old version of an event as the current one', async () => {
    await handle(request(OPEN));
    await store.append(CASE, [v1Note('written by the old release', 'legacy-1')], 1);
    const loaded = await loadCase(store, toyDefinition, CASE);
    expect(loaded.events[2]).toMatchObject({ type: 'NoteAdded', schemaVersion: 2, data: { text: 'written by the old release' } });
    expect(loaded.state).toMatchObject({ status: 'open', notes: ['written by the old release'] });
    expect(loaded.revision).toBe(2);
  });

  it('decides on upcast state', async () => {
    await handle(request(OPEN));
    await store.append(CASE, [v1Note('old', 'legacy-1')], 1);
    await handle(request(note('new')));
    expect((await loadCase(store, toyDefinition, CASE)).state).toMatchObject({ notes: ['old', 'new'] });
  });

  it('folds up to a revision', async () => {
    await handle(request(OPEN));
    await handle(request(note('first')));
    await handle(request({ type: 'CloseToy', data: { reason: 'resolved' } }));
    const before = await loadCase(store, toyDefinition, CASE, { upToRevision: 3 });
    expect(before.revision).toBe(3);
    expect(before.events).toHaveLength(4);
    expect(before.state.status).toBe('open');
    expect((await loadCase(store, toyDefinition, CASE)).state.status).toBe('closed');
  });

  it('folds what the store had recorded by an instant', async () => {
    await handle(request(OPEN));
    clock = new Date('2026-04-03T12:00:00Z');
    await handle(request(note('first')));
    const asKnown = await loadCase(store, toyDefinition, CASE, { asOf: '2026-04-03T11:59:59Z' });
    expect(asKnown.revision).toBe(1);
    expect(asKnown.state).toMatchObject({ notes: [] });
    expect((await loadCase(store, toyDefinition, CASE, { asOf: '2026-04-03T12:00:00Z' })).revision).toBe(3);
    await expect(loadCase(store, toyDefinition, CASE, { asOf: '2026-04-01T00:00:00Z' })).rejects.toBeInstanceOf(CaseNotFoundError);
  });

  it('refuses a case with no events', async () => {
    await expect(loadCase(store, toyDefinition, CASE)).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
  });
});
