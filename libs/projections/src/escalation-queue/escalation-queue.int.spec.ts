import { describeWithPostgres } from '../../../../tests/support/services';
import { EscalationQueueProjection } from './escalation-queue.projection';
import { EscalationQueueQuery, readEscalationQueue } from './read-escalation-queue';
import { CaseworkHarness, Dialect, newCaseId } from './testing/casework-harness';
import {
  assessAsbRisk,
  assessDaRisk,
  assessThreshold,
  conductContinued,
  expireDeadline,
  issueCpn,
  issueCpw,
  lodgeAppeal,
  logIncident,
  openEscalation,
  receiveApplication,
  receiveReferral,
  referToMarac,
  reportAsb,
  resolveCase,
  startInvestigation,
} from './testing/casework-commands';

const MANAGER = { agency: 'tmbc', daAccess: true };

function escalationQueueSuite(dialect: Dialect) {
  let casework: CaseworkHarness;
  let projection: EscalationQueueProjection;
  beforeEach(async () => {
    casework = await CaseworkHarness.start(dialect);
    projection = new EscalationQueueProjection(casework.store, casework.definitionFor);
  });
  afterEach(() => casework.close());

  const send = async (caseId: string, command: { type: string; data: unknown }, at: string) => {
    const outcome = await casework.send(caseId, command, at);
    await casework.project(projection);
    return outcome;
  };
  const queueAt = (now: string, query: Partial<EscalationQueueQuery> = {}) =>
    readEscalationQueue(casework.db, { now, dueWithinDays: 5, viewer: MANAGER, limit: 50, ...query });
  const reasonsAt = async (now: string, query: Partial<EscalationQueueQuery> = {}) =>
    (await queueAt(now, query)).map((item) => `${item.caseId} ${item.reason.code}`);

  it('lists a missed deadline until what it waited for is done, with how late it is at the time of asking', async () => {
    const asb = newCaseId('asb');
    await send(asb, reportAsb(), '2026-03-02T10:00:00.000Z');
    await send(asb, expireDeadline(`${asb}/ASB_TRIAGE_DUE`, '2026-03-03T10:00:00.000Z'), '2026-03-03T10:05:00.000Z');
    const [item] = await queueAt('2026-03-03T11:00:00.000Z');
    expect(item).toMatchObject({
      caseId: asb,
      reason: { code: 'DEADLINE_MISSED', text: 'ASB triage (risk assessment) deadline missed' },
      deadline: { deadlineId: `${asb}/ASB_TRIAGE_DUE`, rule: 'ASB_TRIAGE_DUE' },
      overdue: true,
      minutesLate: 60,
    });
    await send(asb, assessAsbRisk('medium'), '2026-03-03T12:00:00.000Z');
    expect(await reasonsAt('2026-03-03T12:00:00.000Z')).toEqual([]);
  });

  it('lists a CPW once its time to comply has passed without a decision, even before the scheduler fires, until the conduct is reviewed', async () => {
    const cpw = newCaseId('cpw-cpn');
    await send(cpw, openEscalation, '2026-03-02T10:00:00.000Z');
    await send(cpw, issueCpw(14), '2026-03-02T11:00:00.000Z'); // comply by 16 March
    expect(await reasonsAt('2026-03-16T20:00:00.000Z')).toEqual([]);
    expect(await reasonsAt('2026-03-17T09:00:00.000Z')).toEqual([`${cpw} CPW_DECISION_OVERDUE`]);
    await send(cpw, conductContinued, '2026-03-17T10:00:00.000Z');
    expect(await reasonsAt('2026-03-17T10:00:00.000Z')).toEqual([]);
  });

  it('lists a CPN inside its appeal window; it leaves when an appeal is lodged, or by itself once the window has closed', async () => {
    const lodged = newCaseId('cpw-cpn');
    const unappealed = newCaseId('cpw-cpn');
    for (const cpw of [lodged, unappealed]) {
      await send(cpw, openEscalation, '2026-03-02T10:00:00.000Z');
      await send(cpw, issueCpw(14), '2026-03-02T11:00:00.000Z');
      await send(cpw, conductContinued, '2026-03-17T10:00:00.000Z');
      await send(cpw, issueCpn('2026-03-17'), '2026-03-17T11:00:00.000Z'); // appeal by 6 April
    }
    expect(await reasonsAt('2026-03-18T10:00:00.000Z')).toEqual([`${lodged} CPN_APPEAL_WINDOW_OPEN`, `${unappealed} CPN_APPEAL_WINDOW_OPEN`]);
    await send(lodged, lodgeAppeal('2026-03-20'), '2026-03-20T10:00:00.000Z');
    expect(await reasonsAt('2026-04-06T12:00:00.000Z')).toEqual([`${unappealed} CPN_APPEAL_WINDOW_OPEN`]);
    expect(await reasonsAt('2026-04-07T10:00:00.000Z')).toEqual([]);
  });

  it('lists a high-risk DA referral not referred to MARAC within the policy hours, until it is referred (late)', async () => {
    const late = newCaseId('da-referral');
    const prompt = newCaseId('da-referral');
    for (const da of [late, prompt]) {
      await send(da, receiveReferral(), '2026-03-02T09:00:00.000Z');
      await send(da, assessDaRisk(15), '2026-03-02T10:00:00.000Z'); // MARAC referral due in 24 hours
    }
    await send(prompt, referToMarac('2026-03-10'), '2026-03-02T12:00:00.000Z');
    expect(await reasonsAt('2026-03-03T09:59:00.000Z')).toEqual([]);
    const [item, ...rest] = await queueAt('2026-03-03T11:00:00.000Z');
    expect({ item, rest }).toMatchObject({ item: { caseId: late, reason: { code: 'MARAC_REFERRAL_OVERDUE' }, minutesLate: 60 }, rest: [] });
    await send(late, referToMarac('2026-03-10'), '2026-03-03T12:00:00.000Z');
    expect(await reasonsAt('2026-03-03T12:00:00.000Z')).toEqual([]);
  });

  it('lists Community Trigger decisions and panels once due within the horizon, until taken', async () => {
    const ct = newCaseId('community-trigger');
    // Monday 2 March: the threshold decision is due 10 working days later, on 16 March.
    await send(ct, receiveApplication(['2026-01-10', '2026-02-01', '2026-02-20']), '2026-03-02T10:00:00.000Z');
    expect(await reasonsAt('2026-03-02T10:00:00.000Z')).toEqual([]);
    expect(await reasonsAt('2026-03-12T10:00:00.000Z')).toEqual([`${ct} CT_DECISION_DUE`]);
    expect(await reasonsAt('2026-03-12T10:00:00.000Z', { dueWithinDays: 2 })).toEqual([]);
    await send(ct, assessThreshold, '2026-03-12T11:00:00.000Z'); // three qualifying complaints: met, panel due
    expect(await reasonsAt('2026-03-12T11:00:00.000Z')).toEqual([]);
    const panelDue = (await casework.store.readStream(ct)).find((e) => e.type === 'DeadlineScheduled' && (e.data as { rule: string }).rule === 'CT_REVIEW_PANEL');
    const dueAt = (panelDue!.data as { dueAt: string }).dueAt;
    const fourDaysBefore = new Date(Date.parse(dueAt) - 4 * 86_400_000).toISOString();
    expect(await reasonsAt(fourDaysBefore)).toEqual([`${ct} CT_PANEL_DUE`]);
  });

  it('lists an ASB case at its second complaint within six months (Case Review prompt) until the case is resolved', async () => {
    const asb = newCaseId('asb');
    await send(asb, reportAsb({ reportedDate: '2026-03-01' }), '2026-03-02T10:00:00.000Z');
    await send(asb, assessAsbRisk('standard'), '2026-03-02T11:00:00.000Z');
    expect(await reasonsAt('2026-03-02T11:00:00.000Z')).toEqual([]);
    await send(asb, logIncident('i2', '2026-03-02'), '2026-03-02T12:00:00.000Z');
    expect(await reasonsAt('2026-03-02T12:00:00.000Z')).toEqual([`${asb} CASE_REVIEW_PROMPT`]);
    await send(asb, startInvestigation, '2026-03-02T13:00:00.000Z');
    await send(asb, resolveCase, '2026-03-02T14:00:00.000Z');
    expect(await reasonsAt('2026-03-02T14:00:00.000Z')).toEqual([]);
  });

  it('orders by priority then due time, and shows restricted cases only to the DA permission or an agency involved', async () => {
    const asb = newCaseId('asb');
    const da = newCaseId('da-referral');
    await send(asb, reportAsb(), '2026-03-02T08:00:00.000Z');
    await send(asb, expireDeadline(`${asb}/ASB_TRIAGE_DUE`, '2026-03-03T08:00:00.000Z'), '2026-03-03T08:00:00.000Z');
    await send(da, receiveReferral({ referringAgency: 'kent-police' }), '2026-03-02T09:00:00.000Z');
    await send(da, assessDaRisk(15), '2026-03-02T10:00:00.000Z');
    const now = '2026-03-04T10:00:00.000Z';
    expect(await reasonsAt(now)).toEqual([`${da} MARAC_REFERRAL_OVERDUE`, `${asb} DEADLINE_MISSED`]);
    expect(await reasonsAt(now, { viewer: { agency: 'tmbc', daAccess: false } })).toEqual([`${asb} DEADLINE_MISSED`]);
    expect(await reasonsAt(now, { viewer: { agency: 'kent-police', daAccess: false } })).toEqual([`${da} MARAC_REFERRAL_OVERDUE`, `${asb} DEADLINE_MISSED`]);
    expect(await reasonsAt(now, { reason: 'DEADLINE_MISSED' })).toEqual([`${asb} DEADLINE_MISSED`]);
    expect(await reasonsAt(now, { caseType: 'da-referral' })).toEqual([`${da} MARAC_REFERRAL_OVERDUE`]);
    // Cases involving an agency, read through escalation_entry_agencies; restricted ones still need the right to see them.
    expect(await reasonsAt(now, { agency: 'kent-police' })).toEqual([`${da} MARAC_REFERRAL_OVERDUE`]);
    expect(await reasonsAt(now, { agency: 'kent-police', viewer: { agency: 'tmbc', daAccess: false } })).toEqual([]);
    expect(await reasonsAt(now, { agency: 'tmbc', viewer: { agency: 'kent-police', daAccess: false } })).toEqual([`${asb} DEADLINE_MISSED`]);
    const [shown] = await queueAt(now, { limit: 1, viewer: { agency: 'kent-police', daAccess: false } });
    expect(await reasonsAt(now, { viewer: { agency: 'kent-police', daAccess: false }, after: { priority: shown!.priority, dueAt: shown!.dueAt, entryId: shown!.entryId } })).toEqual([
      `${asb} DEADLINE_MISSED`,
    ]);
    const [first] = await queueAt(now, { limit: 1 });
    const next = await reasonsAt(now, { after: { priority: first!.priority, dueAt: first!.dueAt, entryId: first!.entryId } });
    expect(next).toEqual([`${asb} DEADLINE_MISSED`]);
  });

  it('gives the same rows when rebuilt from the start after the cases have moved on', async () => {
    const asb = newCaseId('asb');
    const da = newCaseId('da-referral');
    await send(asb, reportAsb(), '2026-03-02T10:00:00.000Z');
    await send(asb, logIncident('i2', '2026-03-02'), '2026-03-02T12:00:00.000Z');
    await send(da, receiveReferral(), '2026-03-02T09:00:00.000Z');
    await send(da, assessDaRisk(15), '2026-03-02T10:00:00.000Z');
    await send(asb, expireDeadline(`${asb}/ASB_TRIAGE_DUE`, '2026-03-03T10:00:00.000Z'), '2026-03-03T10:05:00.000Z');
    const { live, rebuilt } = await casework.rebuildAndCompare(projection);
    expect(live[0]).toHaveLength(3); // escalation_entries (the second table lists them by agency)
    expect(rebuilt).toEqual(live);
  });
}

describe('escalation queue on SQLite', () => escalationQueueSuite('sqlite'));
describeWithPostgres('escalation queue on PostgreSQL', () => escalationQueueSuite('postgres'));
