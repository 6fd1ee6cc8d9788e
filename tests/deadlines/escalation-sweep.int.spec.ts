import { randomUUID } from 'node:crypto';
import { Kysely } from 'kysely';
import { CASE_TYPES } from '@casetrail/cases';
import { CaseSummaryProjection, CaseSummaryTables, liveTableNames } from '@casetrail/projections';
import { definitionForCase, EscalationSweep, SCHEDULER_ACTOR } from '@casetrail/scheduling';
import { londonDate } from '@casetrail/workflow';
import { issueCpn, issueCpw, openIndividual, reviewConduct } from '../../libs/cases/src/cpw-cpn/testing/cpw-cpn.fixtures';
import { Casework } from './support/casework';

const DAY = 24 * 3_600_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

/** A CPW issued on the day given (policy: it lapses after 6 months, a CPN lasts 12). */
async function warningIssued(casework: Casework, issuedAt: Date): Promise<string> {
  const caseId = `cpw-cpn-${randomUUID()}`;
  await casework.send(caseId, 'OpenEscalation', openIndividual().data, issuedAt);
  await casework.send(caseId, 'IssueCpw', issueCpw().data, issuedAt);
  return caseId;
}

async function noticeIssued(casework: Casework, issuedAt: Date): Promise<string> {
  const caseId = await warningIssued(casework, new Date(issuedAt.getTime() - 20 * DAY));
  await casework.send(caseId, 'RecordConductAfterWarning', reviewConduct(true).data, new Date(issuedAt.getTime() - DAY));
  const informedOn = londonDate(new Date(issuedAt.getTime() - DAY).toISOString());
  await casework.send(caseId, 'IssueCpn', issueCpn({ appropriateBodiesInformed: [{ body: 'kent-police', informedOn }] }).data, issuedAt);
  return caseId;
}

/** The case summary read model, brought up to date by applying every event to it. */
async function projectCaseSummaries(casework: Casework): Promise<void> {
  const projection = new CaseSummaryProjection(casework.store, (streamId) => definitionForCase(CASE_TYPES, streamId));
  const names = liveTableNames<CaseSummaryTables>();
  // The same connection typed with the projection's own tables, as the projection runner does.
  const readModel = casework.db as unknown as Kysely<CaseSummaryTables>;
  await projection.createTables(readModel, names);
  await readModel.deleteFrom('case_summaries').execute();
  for (const event of await casework.store.readAll()) {
    await readModel.transaction().execute((trx) => projection.apply({ trx, ...names }, event));
  }
}

describe('escalation sweeps: CPW lapse and CPN expiry sent as commands when due', () => {
  let casework: Casework;
  let sweep: EscalationSweep;

  beforeEach(async () => {
    casework = await Casework.start();
    sweep = new EscalationSweep(casework.runtime, casework.db);
  });
  afterEach(() => casework.close());

  it('lapses a warning past its months in force and expires a notice past its term, and leaves the others alone', async () => {
    const lapsing = await warningIssued(casework, daysAgo(200));
    const inForce = await warningIssued(casework, daysAgo(30));
    const expiring = await noticeIssued(casework, daysAgo(380));
    const current = await noticeIssued(casework, daysAgo(100));
    await projectCaseSummaries(casework);

    const report = await sweep.sweep();
    expect(report.sent).toEqual([
      { caseId: lapsing, command: 'LapseCpw' },
      { caseId: expiring, command: 'ExpireCpn' },
    ]);
    expect(report.checked).toBe(4);
    const [lapsed] = (await casework.store.readStream(lapsing)).filter((e) => e.type === 'CpwLapsed');
    expect(lapsed?.metadata).toMatchObject({ actorId: SCHEDULER_ACTOR.id, actorRole: 'system' });
    expect((await casework.store.readStream(expiring)).some((e) => e.type === 'CpnExpired')).toBe(true);
    for (const untouched of [inForce, current]) {
      expect((await casework.store.readStream(untouched)).every((e) => e.metadata.actorId !== SCHEDULER_ACTOR.id)).toBe(true);
    }
  });

  it('waits, without failing, while the case summary read model has not been created', async () => {
    await warningIssued(casework, daysAgo(200));
    expect(await sweep.sweep()).toEqual({ readModelReady: false, checked: 0, sent: [], skipped: 0 });
  });

  it('sends nothing twice: a read model that has not caught up still names the case, the case itself says no', async () => {
    const lapsing = await warningIssued(casework, daysAgo(200));
    await projectCaseSummaries(casework);
    expect((await sweep.sweep()).sent).toHaveLength(1);
    const revision = (await casework.store.readStream(lapsing)).length;

    // The summary still says "cpw-issued"; a second sweep must not send LapseCpw again.
    expect(await sweep.sweep()).toEqual({ readModelReady: true, checked: 1, sent: [], skipped: 0 });
    expect(await casework.store.readStream(lapsing)).toHaveLength(revision);
  });
});
