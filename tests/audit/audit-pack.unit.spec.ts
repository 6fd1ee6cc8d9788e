import { auditPackCsv, auditPackHtml, buildAuditPack } from '@casetrail/audit';
import { CASE_TYPES } from '@casetrail/cases';
import { RecordedEvent } from '@casetrail/event-store';
import { eventHash, GENESIS_HASH } from '@casetrail/workflow';

const asb = CASE_TYPES.find((d) => d.caseType === 'asb')!;
const CASE = 'asb-00000000-0000-4000-8000-000000000001';

function stream(): RecordedEvent[] {
  const bodies: Pick<RecordedEvent, 'type' | 'data'>[] = [
    {
      type: 'AsbReported',
      data: {
        openedAt: '2026-03-02T10:00:00.000Z',
        category: 'noise',
        reportingAgency: 'tmbc',
        victims: [{ kind: 'person', givenName: 'Jane', familyName: 'Doe', contact: {} }],
        location: { address: '12 Acacia Avenue' },
        perpetrators: [],
        repeatOf: [],
      },
    },
    { type: 'CaseMarkedRestricted', data: { reason: '=HYPERLINK("http://x") <b>', markedAt: '2026-03-02T11:00:00.000Z' } },
  ];
  let previousHash = GENESIS_HASH;
  return bodies.map((body, revision) => {
    const event = {
      ...body,
      eventId: `00000000-0000-5000-8000-00000000000${revision}`,
      streamId: CASE,
      schemaVersion: body.type === 'AsbReported' ? 2 : 1,
      revision,
      position: revision + 1,
      metadata: { actorId: 'officer-7', actorRole: 'caseworker', agency: 'tmbc', correlationId: 'c', causationId: 'c', commandId: `c${revision}`, occurredAt: '2026-03-02T10:00:00.000Z', recordedAt: '2026-03-02T10:00:00.100Z' },
    };
    const hash = eventHash(previousHash, event);
    const sealed = { ...event, metadata: { ...event.metadata, previousHash, hash } };
    previousHash = hash;
    return sealed;
  });
}

const input = (events = stream()) => ({
  caseId: CASE,
  definition: asb,
  stored: events,
  upcast: events,
  reads: [{ at: '2026-03-03T09:00:00.000Z', userId: 'auditor-9', role: 'auditor', agency: 'tmbc', endpoint: 'GET /api/cases/:caseId', requestId: 'r1' }],
  generatedAt: '2026-03-04T09:00:00.000Z',
  generatedBy: { id: 'auditor-9', role: 'auditor', agency: 'tmbc' },
});
const pack = () => buildAuditPack(input());

describe('the audit pack', () => {
  it('keeps a spreadsheet from running what people wrote as a formula', () => {
    const csv = auditPackCsv(pack());
    const marked = csv.split('\r\n').find((row) => row.startsWith('event,1,'))!;
    expect(marked).toContain(`"'=HYPERLINK(""http://x"") <b>"`);
    expect(marked).not.toMatch(/,=HYPERLINK/);
  });

  it('shows the state after each event and a folding failure where it happens', () => {
    const events = stream();
    // evolve refuses an event that cannot follow: the pack says where, instead of a made-up state.
    const evolve = (state: unknown, event: { type: string }) => {
      if (event.type === 'Impossible') throw new Error('cannot follow');
      return asb.decider.evolve(state, event as never);
    };
    const refusing = { ...asb, decider: { ...asb.decider, evolve } };
    const built = buildAuditPack({ ...input(), definition: refusing as typeof asb, upcast: [...events, { ...events[1]!, revision: 2, type: 'Impossible' }] });
    expect(built.events[1]!.stateAfter).toMatchObject({ restricted: true });
    expect(built.events[1]!.stateError).toBeNull();
    expect(built.events[2]).toMatchObject({ stateAfter: null, stateError: 'revision 2 (Impossible) could not be folded: cannot follow' });
  });

  it('prints a page with no script, every value escaped, and the verdict first', () => {
    const html = auditPackHtml(pack());
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;) &lt;b&gt;');
    expect(html.indexOf('Tamper evidence')).toBeLessThan(html.indexOf('<h2>History</h2>'));
    expect(html).toContain('<td>2026-03-03T09:00:00.000Z</td><td>auditor-9 (auditor, tmbc)</td><td>GET /api/cases/:caseId</td>');
  });
});
