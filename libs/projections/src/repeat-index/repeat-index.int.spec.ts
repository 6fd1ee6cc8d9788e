import { randomUUID } from 'node:crypto';
import { describeWithPostgres } from '../../../../tests/support/services';
import { CaseworkHarness, Dialect, newCaseId } from '../escalation-queue/testing/casework-harness';
import { assessDaRisk, receiveReferral, referToMarac, reportAsb } from '../escalation-queue/testing/casework-commands';
import { findRepeatMatches } from './find-repeat-matches';
import { RepeatIndexProjection } from './repeat-index.projection';
import { asbReportKeys, daReferralKeys } from './repeat-keys';

const NAMES = { table: <K extends string>(logical: K) => logical, index: (logical: string, suffix: string) => `${logical}_${suffix}` };
const ERASURE_METADATA = {
  actorId: 'dpo-1',
  actorRole: 'manager',
  agency: 'tmbc',
  correlationId: randomUUID(),
  causationId: randomUUID(),
  commandId: randomUUID(),
  occurredAt: '2026-03-02T10:30:00.000Z',
};

function repeatIndexSuite(dialect: Dialect) {
  let casework: CaseworkHarness;
  let projection: RepeatIndexProjection;
  beforeEach(async () => {
    casework = await CaseworkHarness.start(dialect);
    projection = new RepeatIndexProjection(casework.definitionFor);
  });
  afterEach(() => casework.close());

  const matchesFor = async (keys: ReturnType<typeof asbReportKeys>) => {
    await casework.project(projection);
    return (await findRepeatMatches(casework.db, keys)).map((m) => ({ caseId: m.caseId, matchedOn: m.matchedOn, maracReferredOn: m.maracReferredOn }));
  };

  it('finds earlier ASB cases with the same victim, address or named perpetrator, however they were written', async () => {
    const first = newCaseId('asb');
    const second = newCaseId('asb');
    await casework.send(first, reportAsb({ victim: ['Jane', 'Doe'], address: '12 Acacia Avenue, Tonbridge' }), '2026-03-02T10:00:00.000Z');
    await casework.send(
      second,
      reportAsb({ victim: ['Ann', 'Other'], address: '3 Elm Road', perpetrator: { givenName: 'Sam', familyName: 'Smith' } }),
      '2026-03-02T11:00:00.000Z',
    );
    const next = reportAsb({ victim: ['JANE', 'doe'], address: '3 elm road', perpetrator: { givenName: 'sam', familyName: 'SMITH' } }).data;
    expect(await matchesFor(asbReportKeys(next))).toEqual([
      { caseId: first, matchedOn: ['victim'], maracReferredOn: null },
      { caseId: second, matchedOn: ['location', 'perpetrator'], maracReferredOn: null },
    ]);
    expect(await matchesFor(asbReportKeys(reportAsb({ victim: ['Someone', 'Else'], address: '99 New Street' }).data))).toEqual([]);
  });

  it("records the date of a DA referral's MARAC referral on its victim-and-perpetrator key", async () => {
    const da = newCaseId('da-referral');
    await casework.send(da, receiveReferral(), '2026-03-02T09:00:00.000Z');
    await casework.send(da, assessDaRisk(15), '2026-03-02T10:00:00.000Z');
    const keys = daReferralKeys(receiveReferral().data);
    expect(await matchesFor(keys)).toEqual([{ caseId: da, matchedOn: ['da-pair', 'da-perpetrator', 'da-victim'], maracReferredOn: null }]);
    await casework.send(da, referToMarac('2026-03-10'), '2026-03-02T12:00:00.000Z');
    expect(await matchesFor(keys)).toEqual([{ caseId: da, matchedOn: ['da-pair', 'da-perpetrator', 'da-victim'], maracReferredOn: '2026-03-02' }]);
    const otherPerpetrator = daReferralKeys(receiveReferral({ perpetrator: 'Chris Other' }).data);
    expect(await matchesFor(otherPerpetrator)).toEqual([{ caseId: da, matchedOn: ['da-victim'], maracReferredOn: null }]);
  });

  it('applies a batch as each event in turn: keys written before an erasure in the batch go, those after it stay', async () => {
    const erased = newCaseId('asb');
    const later = newCaseId('asb');
    const victim = { victim: ['Jane', 'Doe'] as [string, string], address: '12 Acacia Avenue, Tonbridge' };
    await casework.send(erased, reportAsb(victim), '2026-03-02T10:00:00.000Z');
    // What libs/privacy records in the subject's own stream when the victim of `erased` is erased.
    await casework.store.append(`subject-${randomUUID()}`, [{ eventId: randomUUID(), type: 'SubjectErased', schemaVersion: 1, data: { caseIds: [erased], slot: 'victim' }, metadata: ERASURE_METADATA }], 'no_stream');
    await casework.send(later, reportAsb(victim), '2026-03-02T11:00:00.000Z');
    await projection.createTables(casework.db as never, NAMES);
    const events = await casework.store.readAll();
    await casework.db.transaction().execute((trx) => projection.applyBatch({ trx: trx as never, ...NAMES }, events));
    const rows = await casework.db.withTables<{ repeat_keys: { case_id: string; kind: string } }>().selectFrom('repeat_keys').select(['case_id', 'kind']).execute();
    expect(rows.filter((r) => r.case_id === erased).map((r) => r.kind)).toEqual(['location']);
    expect(rows.filter((r) => r.case_id === later).map((r) => r.kind).sort()).toEqual(['location', 'victim']);
  });

  it('holds no name, date of birth or address in clear', async () => {
    await casework.send(newCaseId('asb'), reportAsb({ victim: ['Jane', 'Doe'], perpetrator: { familyName: 'Smith', dateOfBirth: '1990-01-02' } }), '2026-03-02T10:00:00.000Z');
    await casework.send(newCaseId('da-referral'), receiveReferral(), '2026-03-02T10:00:00.000Z');
    await casework.project(projection);
    const rows = await casework.db.withTables<{ repeat_keys: Record<string, unknown> }>().selectFrom('repeat_keys').selectAll().execute();
    expect(rows).toHaveLength(3 + 3);
    expect(JSON.stringify(rows)).not.toMatch(/jane|doe|smith|acacia|alex|example|1990/i);
  });
}

describe('repeat index on SQLite', () => repeatIndexSuite('sqlite'));
describeWithPostgres('repeat index on PostgreSQL', () => repeatIndexSuite('postgres'));
