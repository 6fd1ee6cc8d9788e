import { describeWithPostgres } from '../../../../tests/support/services';
import { CaseworkHarness, Dialect, newCaseId } from '../escalation-queue/testing/casework-harness';
import {
  assessAsbRisk,
  assessDaRisk,
  assignCase,
  closeCase,
  receiveReferral,
  referToMarac,
  reportAsb,
  resolveCase,
  startInvestigation,
} from '../escalation-queue/testing/casework-commands';
import { CaseloadProjection } from './caseload.projection';
import { CaseloadQuery, readCaseloads } from './read-caseloads';

const EVERYONE = { agency: 'tmbc', daAccess: true };

function caseloadSuite(dialect: Dialect) {
  let casework: CaseworkHarness;
  let projection: CaseloadProjection;
  beforeEach(async () => {
    casework = await CaseworkHarness.start(dialect);
    projection = new CaseloadProjection(casework.store, casework.definitionFor);
  });
  afterEach(() => casework.close());

  const caseloadsAt = async (now: string, query: Partial<CaseloadQuery> = {}) => {
    await casework.project(projection);
    return readCaseloads(casework.db, { now, viewer: EVERYONE, ...query });
  };

  it('counts open cases per caseworker and per team, by risk, with the deadlines overdue at the time of asking', async () => {
    const [a, b, c] = [newCaseId('asb'), newCaseId('asb'), newCaseId('asb')];
    for (const asb of [a, b, c]) await casework.send(asb, reportAsb(), '2026-03-02T10:00:00.000Z'); // triage due in 24 hours
    await casework.send(a, assignCase('officer-ann'), '2026-03-02T10:30:00.000Z');
    await casework.send(b, assignCase('officer-ann'), '2026-03-02T10:30:00.000Z');
    await casework.send(a, assessAsbRisk('high'), '2026-03-02T11:00:00.000Z'); // a's triage met

    const before = await caseloadsAt('2026-03-02T12:00:00.000Z');
    expect(before.caseworkers).toEqual([
      { caseworkerId: 'officer-ann', agency: 'tmbc', openCases: 2, byRisk: { high: 1, medium: 0, standard: 0, none: 1 }, overdueDeadlines: 0, casesWithOverdueDeadlines: 0 },
    ]);
    const after = await caseloadsAt('2026-03-03T12:00:00.000Z'); // b's and c's triage now overdue
    expect(after.caseworkers[0]).toMatchObject({ overdueDeadlines: 1, casesWithOverdueDeadlines: 1 });
    expect(after.teams).toEqual([
      { agency: 'tmbc', unassigned: 1, openCases: 3, byRisk: { high: 1, medium: 0, standard: 0, none: 2 }, overdueDeadlines: 2, casesWithOverdueDeadlines: 2 },
    ]);
  });

  it('drops a closed case from the caseload', async () => {
    const asb = newCaseId('asb');
    await casework.send(asb, reportAsb(), '2026-03-02T10:00:00.000Z');
    await casework.send(asb, assignCase('officer-ann'), '2026-03-02T10:30:00.000Z');
    await casework.send(asb, assessAsbRisk('standard'), '2026-03-02T11:00:00.000Z');
    for (const command of [startInvestigation, resolveCase, closeCase]) await casework.send(asb, command, '2026-03-02T12:00:00.000Z');
    expect(await caseloadsAt('2026-03-10T12:00:00.000Z')).toEqual({ caseworkers: [], teams: [] });
  });

  it("counts an IDVA's DA cases only for managers who may see them, and narrows to one team", async () => {
    const asb = newCaseId('asb');
    const da = newCaseId('da-referral');
    await casework.send(asb, reportAsb(), '2026-03-02T10:00:00.000Z');
    await casework.send(da, receiveReferral({ referringAgency: 'kent-police' }), '2026-03-02T09:00:00.000Z');
    await casework.send(da, assessDaRisk(15), '2026-03-02T10:00:00.000Z');
    await casework.send(da, referToMarac('2026-03-10', 'idva-7'), '2026-03-02T11:00:00.000Z');
    const now = '2026-03-02T12:00:00.000Z';
    expect((await caseloadsAt(now)).caseworkers.map((c) => `${c.agency}/${c.caseworkerId}: ${c.openCases}`)).toEqual(['davss/idva-7: 1']);
    expect(await caseloadsAt(now, { viewer: { agency: 'tmbc', daAccess: false } })).toMatchObject({ caseworkers: [], teams: [{ agency: 'tmbc', openCases: 1 }] });
    expect((await caseloadsAt(now, { agency: 'davss' })).teams.map((t) => t.agency)).toEqual(['davss']);
  });

  it('gives the same rows when rebuilt from the start', async () => {
    const asb = newCaseId('asb');
    await casework.send(asb, reportAsb(), '2026-03-02T10:00:00.000Z');
    await casework.send(asb, assignCase('officer-ann'), '2026-03-02T10:30:00.000Z');
    await casework.send(asb, assessAsbRisk('high'), '2026-03-02T11:00:00.000Z');
    await casework.send(asb, startInvestigation, '2026-03-02T12:00:00.000Z');
    const { live, rebuilt } = await casework.rebuildAndCompare(projection);
    expect(live.map((rows) => rows.length)).toEqual([1, 1]);
    expect(rebuilt).toEqual(live);
  });
}

describe('caseloads on SQLite', () => caseloadSuite('sqlite'));
describeWithPostgres('caseloads on PostgreSQL', () => caseloadSuite('postgres'));
