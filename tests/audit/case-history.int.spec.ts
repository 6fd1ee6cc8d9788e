import { describeEvent, describeHistory, verifyStreamChain } from '@casetrail/audit';
import { SqliteEventStore } from '@casetrail/event-store';
import { AuditCasework, definitionOf, everyCaseType } from './support/audit-casework';

/**
 * Real cases of every type, written through the command path: each event is described in its
 * own words (never the generic sentence), and every stream's hash chain is whole.
 */
describe('the history of real cases', () => {
  let store: SqliteEventStore;
  let ids: Awaited<ReturnType<typeof everyCaseType>>;

  beforeAll(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    await store.init();
    ids = await everyCaseType(new AuditCasework(store));
  });
  afterAll(() => store.close());

  it('describes every event of every case type with a sentence of its own', async () => {
    const generic: string[] = [];
    const types = new Set<string>();
    for (const caseId of Object.values(ids)) {
      const caseType = definitionOf(caseId)!.caseType;
      for (const event of await store.readStream(caseId)) {
        types.add(`${caseType}/${event.type}`);
        if (!describeEvent(caseType, event).specific) generic.push(`${caseType}/${event.type}`);
      }
    }
    expect(generic).toEqual([]);
    // The lives cover most of what can happen, so the sentences are tried on real data.
    expect(types.size).toBeGreaterThan(45);
  });

  it('reads the CPN as an auditor would', async () => {
    const history = describeHistory('cpw-cpn', await store.readStream(ids.cpwCpn));
    expect(history.find((e) => e.type === 'CpnIssued')!.description).toBe(
      'CPN issued by TMBC-ASB-1 (tmbc) — appeal window ends 30 Apr 2026, in force until 9 Apr 2027',
    );
    expect(history.find((e) => e.type === 'ProsecutionConcluded')!.description).toBe(
      'Prosecution 1: guilty to 5 charges, fined £100 each, £85 costs and £30 victim surcharge — £615 in all (recorded by officer-7 (tmbc))',
    );
  });

  it('gives the actor, the reason given and both times of each event', async () => {
    const history = describeHistory('asb', await store.readStream(ids.asb));
    const escalated = history.find((e) => e.type === 'CaseEscalated')!;
    expect(escalated).toMatchObject({
      actor: { id: 'officer-7', role: 'caseworker', agency: 'tmbc' },
      reason: 'Conduct continues after the warning letter',
      occurredAt: '2026-03-23T10:00:00.000Z',
    });
    expect(Date.parse(escalated.recordedAt)).not.toBeNaN();
    expect(history.find((e) => e.type === 'InvestigationStarted')!.reason).toBeNull();
  });

  it('seals every stream the command path wrote into an unbroken chain', async () => {
    for (const caseId of Object.values(ids)) {
      expect(verifyStreamChain(caseId, await store.readStream(caseId))).toMatchObject({ intact: true, firstBreak: null });
    }
  });
});
