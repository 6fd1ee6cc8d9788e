import { DeadlineExpiry, DeadlineFiring, deadlineJobId, PermanentFiringError } from '@casetrail/scheduling';
import { Casework } from './support/casework';

/** What a fired job does: ExpireDeadline through the command path, decided by the case. */
describe('firing a deadline', () => {
  let casework: Casework;
  let expiry: DeadlineExpiry;
  beforeEach(async () => {
    casework = await Casework.start();
    expiry = new DeadlineExpiry(casework.runtime);
  });
  afterEach(() => casework.close());

  const firing = (c: { caseId: string; deadlineId: string; revision: number }, dueAt: string, jobId = deadlineJobId(c.deadlineId, c.revision)): DeadlineFiring => ({
    ...c,
    dueAt,
    jobId,
    attempt: 1,
  });
  const missed = async (caseId: string) => (await casework.store.readStream(caseId)).filter((e) => e.type === 'DeadlineMissed');

  it('records DeadlineMissed once, however often the job or a re-armed copy of it fires', async () => {
    const due = new Date(Date.now() - 60_000);
    const opened = await casework.reportAsb(due);
    expect(await expiry.fire(firing(opened, due.toISOString()))).toBe('expired');
    expect(await expiry.fire(firing(opened, due.toISOString()))).toBe('expired'); // a retry of the same job
    expect(await expiry.fire(firing(opened, due.toISOString(), 'some-other-job'))).toBe('expired'); // another job, same deadline
    expect(await missed(opened.caseId)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ deadlineId: opened.deadlineId, dueAt: due.toISOString() }), metadata: expect.objectContaining({ actorId: 'scheduler' }) }),
    ]);
  });

  it('matches the due time as an instant, whatever offset the job wrote it with', async () => {
    const due = new Date(Date.UTC(2026, 5, 1, 9, 0, 0)); // 10:00 in London (BST)
    const opened = await casework.reportAsb(due);
    expect(await expiry.fire(firing(opened, '2026-06-01T10:00:00.000+01:00'))).toBe('expired');
    expect(await missed(opened.caseId)).toEqual([expect.objectContaining({ data: expect.objectContaining({ dueAt: due.toISOString() }) })]);
  });

  it('does nothing for a deadline rescheduled to another time, or met', async () => {
    const due = new Date(Date.now() - 60_000);
    const opened = await casework.reportAsb(due);
    expect(await expiry.fire(firing(opened, new Date(due.getTime() - 3_600_000).toISOString()))).toBe('expired');
    await casework.assessRisk(opened.caseId);
    expect(await expiry.fire(firing(opened, due.toISOString()))).toBe('expired');
    expect(await missed(opened.caseId)).toEqual([]);
  });

  it('answers early, and records nothing, when the clock says the deadline is not due', async () => {
    const due = new Date(Date.now() + 3_600_000);
    const opened = await casework.reportAsb(due);
    expect(await expiry.fire(firing(opened, due.toISOString()))).toBe('early');
    expect(await missed(opened.caseId)).toEqual([]);
  });

  it('fails for good, with the reason, for a case that does not exist or no case type hosts', async () => {
    const ghost = { caseId: 'asb-00000000-0000-4000-8000-000000000000', deadlineId: 'asb-00000000-0000-4000-8000-000000000000/ASB_TRIAGE_DUE', revision: 1 };
    const refusal = expiry.fire(firing(ghost, new Date(Date.now() - 1000).toISOString()));
    await expect(refusal).rejects.toBeInstanceOf(PermanentFiringError);
    await expect(refusal).rejects.toThrow(/^CASE_NOT_FOUND: /);
    const alien = { caseId: 'injunction-00000000-0000-4000-8000-000000000000', deadlineId: 'x/Y', revision: 1 };
    await expect(expiry.fire(firing(alien, new Date(Date.now() - 1000).toISOString()))).rejects.toBeInstanceOf(PermanentFiringError);
  });
});
