import { CaseErasure, CaseRead, HistoryEntry, mergeTimeline } from '@casetrail/audit';

const event = (revision: number, occurredAt: string): HistoryEntry => ({
  eventId: `e${revision}`,
  revision,
  position: revision + 1,
  type: 'IncidentLogged',
  schemaVersion: 1,
  description: `event ${revision}`,
  actor: { id: 'officer-7', role: 'caseworker', agency: 'tmbc' },
  reason: null,
  occurredAt,
  recordedAt: occurredAt,
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
  data: {},
});
const read = (at: string): CaseRead => ({ at, userId: 'idva-1', role: 'caseworker', agency: 'davss', endpoint: 'GET /api/cases/:caseId', requestId: 'r' });

describe('the timeline', () => {
  it('places each read after the events that had happened by its time, events in stream order', () => {
    const timeline = mergeTimeline(
      // A command stamped earlier can be recorded later: the stream's order stands.
      [event(0, '2026-03-02T10:00:00Z'), event(1, '2026-03-02T12:00:00Z'), event(2, '2026-03-02T11:30:00Z')],
      [read('2026-03-02T13:00:00Z'), read('2026-03-02T11:00:00+00:00'), read('2026-03-02T09:00:00Z')],
    );
    expect(timeline.map((e) => (e.kind === 'event' ? `e${e.revision}` : `read ${e.at}`))).toEqual([
      'read 2026-03-02T09:00:00Z',
      'e0',
      'read 2026-03-02T11:00:00+00:00',
      'e1',
      'e2',
      'read 2026-03-02T13:00:00Z',
    ]);
    expect(timeline[0]).toMatchObject({ kind: 'read', description: 'Read by idva-1 (caseworker, davss) through GET /api/cases/:caseId' });
  });

  it('places an erasure of a subject by its time, naming the slot, who erased it and why, and no personal data', () => {
    const erasure: CaseErasure = {
      at: '2026-03-02T11:00:00Z',
      subjectId: 's-1',
      slot: 'victims[0]',
      actor: { id: 'admin-1', role: 'admin', agency: 'tmbc' },
      reason: 'Art. 17 request DPO-1',
    };
    const timeline = mergeTimeline([event(0, '2026-03-02T10:00:00Z'), event(1, '2026-03-02T12:00:00Z')], [read('2026-03-02T11:30:00Z')], [erasure]);
    expect(timeline.map((e) => e.kind)).toEqual(['event', 'erasure', 'read', 'event']);
    expect(timeline[1]).toEqual({
      kind: 'erasure',
      at: '2026-03-02T11:00:00Z',
      description: 'Personal data of victims[0] erased by admin-1 (admin, tmbc); it now reads "[erased]"',
      actor: erasure.actor,
      reason: 'Art. 17 request DPO-1',
      subjectId: 's-1',
      slot: 'victims[0]',
    });
  });
});
