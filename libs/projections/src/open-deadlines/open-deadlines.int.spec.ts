import { describeWithPostgres } from '../../../../tests/support/services';
import { CaseworkHarness, Dialect, newCaseId } from '../escalation-queue/testing/casework-harness';
import { assessAsbRisk, receiveReferral, reportAsb, startInvestigation } from '../escalation-queue/testing/casework-commands';
import { listOpenDeadlines } from './list-open-deadlines';
import { OpenDeadlinesProjection } from './open-deadlines.projection';

function openDeadlinesSuite(dialect: Dialect) {
  let casework: CaseworkHarness;
  let projection: OpenDeadlinesProjection;
  beforeEach(async () => {
    casework = await CaseworkHarness.start(dialect);
    projection = new OpenDeadlinesProjection(casework.definitionFor);
  });
  afterEach(() => casework.close());

  it('lists a scheduled deadline with its case, rule, due time and the revision that scheduled it', async () => {
    const caseId = newCaseId('asb');
    const opened = await casework.send(caseId, reportAsb(), '2026-03-02T10:00:00.000Z');
    await casework.project(projection);
    const scheduled = opened.events.find((e) => e.type === 'DeadlineScheduled')!;
    expect(await listOpenDeadlines(casework.db, { limit: 10 })).toEqual([
      {
        deadlineId: `${caseId}/ASB_TRIAGE_DUE`,
        caseId,
        caseType: 'asb',
        rule: 'ASB_TRIAGE_DUE',
        dueAt: '2026-03-03T10:00:00.000Z',
        scheduledAtRevision: scheduled.revision,
      },
    ]);
  });

  it('drops a deadline once it is met, and lists the next one the case schedules', async () => {
    const caseId = newCaseId('asb');
    await casework.send(caseId, reportAsb(), '2026-03-02T10:00:00.000Z');
    await casework.send(caseId, assessAsbRisk('medium'), '2026-03-02T12:00:00.000Z');
    await casework.project(projection);
    expect(await listOpenDeadlines(casework.db, { limit: 10 })).toEqual([]);
    await casework.send(caseId, startInvestigation, '2026-03-02T13:00:00.000Z');
    await casework.project(projection);
    const open = await listOpenDeadlines(casework.db, { limit: 10 });
    expect(open.map((d) => d.deadlineId)).toEqual([`${caseId}/ASB_PROGRESS_REVIEW_DUE/1`]);
    const status = await casework.db
      .withTables<{ case_deadlines: { deadline_id: string; status: string } }>()
      .selectFrom('case_deadlines')
      .select(['deadline_id', 'status'])
      .where('deadline_id', '=', `${caseId}/ASB_TRIAGE_DUE`)
      .executeTakeFirst();
    expect(status?.status).toBe('met');
  });

  it('pages soonest first with a keyset cursor, and keeps only those due before a given time', async () => {
    const asb = newCaseId('asb');
    const da = newCaseId('da-referral');
    await casework.send(da, receiveReferral(), '2026-03-02T09:00:00.000Z'); // first contact due in 48 hours
    await casework.send(asb, reportAsb(), '2026-03-02T10:00:00.000Z'); // triage due in 24 hours
    await casework.project(projection);
    const [first] = await listOpenDeadlines(casework.db, { limit: 1 });
    expect(first?.caseId).toBe(asb);
    const [second, ...rest] = await listOpenDeadlines(casework.db, { limit: 10, after: { dueAt: first!.dueAt, deadlineId: first!.deadlineId } });
    expect({ second: second?.caseId, rest }).toEqual({ second: da, rest: [] });
    const dueSoon = await listOpenDeadlines(casework.db, { limit: 10, dueBefore: '2026-03-04T00:00:00Z' });
    expect(dueSoon.map((d) => d.caseId)).toEqual([asb]);
  });
}

describe('open deadlines on SQLite', () => openDeadlinesSuite('sqlite'));
describeWithPostgres('open deadlines on PostgreSQL', () => openDeadlinesSuite('postgres'));
