import { describeWithPostgres } from '../../../../tests/support/services';
import { CaseworkHarness, Dialect, newCaseId } from '../escalation-queue/testing/casework-harness';
import { assessAsbRisk, assessDaRisk, closeCase, receiveReferral, reportAsb, resolveCase, startInvestigation } from '../escalation-queue/testing/casework-commands';
import { CaseCountsProjection } from './case-counts.projection';
import { readCaseCounts } from './read-case-counts';

function caseCountsSuite(dialect: Dialect) {
  let casework: CaseworkHarness;
  let projection: CaseCountsProjection;
  beforeEach(async () => {
    casework = await CaseworkHarness.start(dialect);
    projection = new CaseCountsProjection(casework.store, casework.definitionFor);
  });
  afterEach(() => casework.close());

  const counts = async () => {
    await casework.project(projection);
    return (await readCaseCounts(casework.db)).map((c) => `${c.caseType} ${c.stage} ${c.risk ?? '-'}: ${c.cases}`);
  };

  it('counts cases by type, stage and risk, moving a case when its stage or risk changes', async () => {
    const [first, second, third] = [newCaseId('asb'), newCaseId('asb'), newCaseId('asb')];
    const da = newCaseId('da-referral');
    for (const asb of [first, second, third]) await casework.send(asb, reportAsb(), '2026-03-02T10:00:00.000Z');
    await casework.send(da, receiveReferral(), '2026-03-02T10:00:00.000Z');
    expect(await counts()).toEqual(['asb reported -: 3', 'da-referral received -: 1']);

    await casework.send(first, assessAsbRisk('high'), '2026-03-02T11:00:00.000Z');
    await casework.send(second, assessAsbRisk('medium'), '2026-03-02T11:00:00.000Z');
    await casework.send(second, assessAsbRisk('high'), '2026-03-02T12:00:00.000Z'); // reassessed: moves again
    await casework.send(da, assessDaRisk(15), '2026-03-02T12:00:00.000Z');
    expect(await counts()).toEqual(['asb reported -: 1', 'asb triaged high: 2', 'da-referral assessed high: 1']);

    for (const command of [startInvestigation, resolveCase, closeCase]) await casework.send(first, command, '2026-03-03T10:00:00.000Z');
    expect(await counts()).toEqual(['asb closed high: 1', 'asb reported -: 1', 'asb triaged high: 1', 'da-referral assessed high: 1']);
  });

  it('counts a case once when an event is delivered again', async () => {
    const asb = newCaseId('asb');
    await casework.send(asb, reportAsb(), '2026-03-02T10:00:00.000Z');
    await casework.project(projection);
    const [event] = await casework.store.readStream(asb);
    await casework.deliver(projection, event!);
    expect(await counts()).toEqual(['asb reported -: 1']);
  });

  it('gives the same counts when rebuilt from the start', async () => {
    const [a, b] = [newCaseId('asb'), newCaseId('asb')];
    for (const asb of [a, b]) await casework.send(asb, reportAsb(), '2026-03-02T10:00:00.000Z');
    await casework.send(a, assessAsbRisk('high'), '2026-03-02T11:00:00.000Z');
    await casework.send(b, assessAsbRisk('medium'), '2026-03-02T11:00:00.000Z');
    await casework.send(b, assessAsbRisk('standard'), '2026-03-02T12:00:00.000Z');
    const { live, rebuilt } = await casework.rebuildAndCompare(projection);
    expect(live[0]).toHaveLength(2);
    expect(rebuilt).toEqual(live);
  });
}

describe('case counts on SQLite', () => caseCountsSuite('sqlite'));
describeWithPostgres('case counts on PostgreSQL', () => caseCountsSuite('postgres'));
