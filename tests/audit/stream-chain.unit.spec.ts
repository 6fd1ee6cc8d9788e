import { verifyStreamChain } from '@casetrail/audit';
import { RecordedEvent } from '@casetrail/event-store';
import { eventHash, GENESIS_HASH } from '@casetrail/workflow';

const STREAM = 'asb-00000000-0000-4000-8000-000000000001';

/** An event as the store holds it, sealed after `previousHash`, as the command path seals it. */
function sealed(revision: number, previousHash: string, text = `note ${revision}`): RecordedEvent {
  const event: RecordedEvent = {
    eventId: `00000000-0000-5000-8000-${String(revision).padStart(12, '0')}`,
    streamId: STREAM,
    type: 'ProgressReviewed',
    schemaVersion: 1,
    data: { reviewNumber: revision + 1, summary: text },
    metadata: {
      actorId: 'officer-7',
      actorRole: 'caseworker',
      agency: 'tmbc',
      correlationId: 'c',
      causationId: `cmd-${revision}`,
      commandId: `cmd-${revision}`,
      occurredAt: '2026-03-02T10:00:00.000Z',
      recordedAt: '2026-03-02T10:00:00.100Z',
    },
    revision,
    position: revision + 1,
  };
  return resealed(event, previousHash);
}

/** What someone who knows the algorithm can do to one event: seal it again. */
function resealed(event: RecordedEvent, previousHash: string): RecordedEvent {
  const hash = eventHash(previousHash, event);
  return { ...event, metadata: { ...event.metadata, previousHash, hash } };
}

function chain(length: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (let r = 0; r < length; r += 1) events.push(sealed(r, r === 0 ? GENESIS_HASH : (events[r - 1]!.metadata.hash as string)));
  return events;
}

const hashOf = (event: RecordedEvent) => event.metadata.hash as string;
/** Rows keep their content and seal; only the revision column changes (UPDATE ... SET revision). */
const renumbered = (events: RecordedEvent[]) => events.map((e, i) => ({ ...e, revision: i }));
const breakOf = (events: RecordedEvent[]) => verifyStreamChain(STREAM, events).firstBreak;

describe('verifying one stream', () => {
  it('finds an untouched chain intact and gives its last hash', () => {
    const events = chain(6);
    expect(verifyStreamChain(STREAM, events)).toEqual({ streamId: STREAM, events: 6, headHash: hashOf(events[5]!), intact: true, firstBreak: null });
    expect(verifyStreamChain(STREAM, [])).toMatchObject({ events: 0, headHash: null, intact: true });
  });

  describe('tells each kind of tampering apart', () => {
    it('modified: content changed, seal left', () => {
      const events = chain(6);
      events[3] = { ...events[3]!, data: { reviewNumber: 4, summary: 'a different note' } };
      expect(breakOf(events)).toMatchObject({ kind: 'modified', revision: 3, eventId: events[3]!.eventId });
    });

    it('modified: metadata changed (who did it)', () => {
      const events = chain(6);
      events[2] = { ...events[2]!, metadata: { ...events[2]!.metadata, actorId: 'someone-else' } };
      expect(breakOf(events)).toMatchObject({ kind: 'modified', revision: 2 });
    });

    it('modified: changed and sealed again, which its successor gives away', () => {
      const events = chain(6);
      events[3] = resealed({ ...events[3]!, data: { reviewNumber: 4, summary: 'rewritten' } }, hashOf(events[2]!));
      expect(breakOf(events)).toMatchObject({ kind: 'modified', revision: 3, eventId: events[3]!.eventId });
    });

    it('deleted: a revision missing', () => {
      const events = chain(6);
      expect(breakOf([...events.slice(0, 3), ...events.slice(4)])).toMatchObject({ kind: 'deleted', revision: 3, eventId: null, detail: 'revision 3 is missing' });
    });

    it('deleted: and the later revisions renumbered to close the gap', () => {
      const events = chain(6);
      expect(breakOf(renumbered([...events.slice(0, 3), ...events.slice(4)]))).toMatchObject({ kind: 'deleted', revision: 3, eventId: null });
      expect(breakOf(renumbered(events.slice(1)))).toMatchObject({ kind: 'deleted', revision: 0 });
    });

    it('reordered: two events swapped', () => {
      const events = chain(6);
      expect(breakOf(renumbered([events[0]!, events[1]!, events[3]!, events[2]!, events[4]!, events[5]!]))).toMatchObject({
        kind: 'reordered',
        revision: 2,
        eventId: events[3]!.eventId,
      });
    });

    it('reordered: one event moved earlier', () => {
      const events = chain(6);
      expect(breakOf(renumbered([events[0]!, events[5]!, ...events.slice(1, 5)]))).toMatchObject({ kind: 'reordered', revision: 1, eventId: events[5]!.eventId });
    });

    it('inserted: a well-sealed event slipped in, later ones renumbered', () => {
      const events = chain(6);
      const intruder = resealed({ ...sealed(2, hashOf(events[1]!), 'backdated warning'), eventId: '00000000-0000-5000-8000-0000000000ff' }, hashOf(events[1]!));
      const tampered = renumbered([...events.slice(0, 2), intruder, ...events.slice(2)]);
      expect(breakOf(tampered)).toMatchObject({ kind: 'inserted', revision: 2, eventId: intruder.eventId });
    });

    it('inserted: at the start of the stream', () => {
      const events = chain(4);
      const intruder = { ...sealed(0, GENESIS_HASH, 'first?'), eventId: '00000000-0000-5000-8000-0000000000fe' };
      expect(breakOf(renumbered([intruder, ...events]))).toMatchObject({ kind: 'inserted', revision: 0, eventId: intruder.eventId });
    });

    it('inserted: a copy of another event added at the end', () => {
      const events = chain(5);
      const copy = { ...events[1]!, eventId: '00000000-0000-5000-8000-0000000000fd', revision: 5, position: 6 };
      expect(breakOf([...events, copy])).toMatchObject({ kind: 'inserted', revision: 5, eventId: copy.eventId });
    });

    it('inserted: a sealed-looking event at the end that follows nothing in the stream', () => {
      const events = chain(5);
      const forged = sealed(5, 'a'.repeat(64), 'invented');
      expect(breakOf([...events, forged])).toMatchObject({ kind: 'inserted', revision: 5 });
    });

    it('unsealed: an event without its hash', () => {
      const events = chain(4);
      const { hash: _hash, ...stripped } = events[2]!.metadata;
      events[2] = { ...events[2]!, metadata: stripped as RecordedEvent['metadata'] };
      expect(breakOf(events)).toMatchObject({ kind: 'unsealed', revision: 2 });
    });
  });
});
