import { DeadlineFiring, DeadlineScheduler, FailedJobs, FireDeadline, FiringOutcome, PermanentFiringError, deadlineJobId } from '@casetrail/scheduling';
import { eventually, sleepUntil } from './casework';

export interface RunningScheduler {
  scheduler: DeadlineScheduler & FailedJobs;
  stop(): Promise<void>;
}

/** Starts an adapter whose timers call `fire`. */
export type StartScheduler = (fire: FireDeadline) => Promise<RunningScheduler>;

interface Fired extends DeadlineFiring {
  firedAtMs: number;
}

/** Records every firing; `answer` decides what each one returns or throws. */
class Firings {
  readonly all: Fired[] = [];
  answer: (firing: DeadlineFiring, previous: Fired[]) => Promise<FiringOutcome> = async () => 'expired';
  readonly fire: FireDeadline = async (firing) => {
    const previous = this.of(firing.deadlineId);
    this.all.push({ ...firing, firedAtMs: Date.now() });
    return this.answer(firing, previous);
  };
  of(deadlineId: string): Fired[] {
    return this.all.filter((f) => f.deadlineId === deadlineId);
  }
}

const inMs = (ms: number) => new Date(Date.now() + ms);
let counter = 0;
const newDeadline = (rule = 'CONTRACT_RULE') => {
  counter += 1;
  const caseId = `asb-00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return { caseId, deadlineId: `${caseId}/${rule}` };
};

/**
 * What every DeadlineScheduler adapter must do, stated once and run against each (in-process
 * timers, BullMQ on Redis). Firing is recorded, not sent to a store: the port's promise is
 * about when and how often `fire` is called.
 */
export function deadlineSchedulerContract(start: StartScheduler): void {
  let firings: Firings;
  let running: RunningScheduler;

  beforeEach(async () => {
    firings = new Firings();
    running = await start(firings.fire);
  });
  afterEach(() => running.stop());

  it('fires a deadline once, not before it is due, with its payload and a job id from the deadline and revision', async () => {
    const { caseId, deadlineId } = newDeadline();
    const dueAt = inMs(400);
    await running.scheduler.schedule(deadlineId, dueAt.toISOString(), { caseId, revision: 3 });
    expect(await eventually(async () => firings.of(deadlineId).length > 0)).toBe(true);
    await sleepUntil(dueAt, 1500);
    expect(firings.of(deadlineId)).toEqual([
      expect.objectContaining({ caseId, deadlineId, dueAt: dueAt.toISOString(), revision: 3, attempt: 1, jobId: deadlineJobId(deadlineId, 3) }),
    ]);
    expect(firings.of(deadlineId)[0]!.firedAtMs).toBeGreaterThanOrEqual(dueAt.getTime());
  });

  it('never fires a deadline cancelled before it is due', async () => {
    const cancelled = newDeadline();
    const sentinel = newDeadline();
    await running.scheduler.schedule(cancelled.deadlineId, inMs(300).toISOString(), { caseId: cancelled.caseId, revision: 1 });
    await running.scheduler.schedule(sentinel.deadlineId, inMs(1200).toISOString(), { caseId: sentinel.caseId, revision: 1 });
    await running.scheduler.cancel(cancelled.deadlineId);
    await running.scheduler.cancel('asb-never-armed/RULE'); // nothing armed: nothing happens
    expect(await eventually(async () => firings.of(sentinel.deadlineId).length > 0)).toBe(true);
    expect(firings.of(cancelled.deadlineId)).toEqual([]);
  });

  it('arms the same deadline and revision once, however often and however concurrently it is scheduled', async () => {
    const { caseId, deadlineId } = newDeadline();
    const dueAt = inMs(300).toISOString();
    await Promise.all(Array.from({ length: 5 }, () => running.scheduler.schedule(deadlineId, dueAt, { caseId, revision: 2 })));
    await running.scheduler.schedule(deadlineId, dueAt, { caseId, revision: 2 });
    const sentinel = newDeadline();
    await running.scheduler.schedule(sentinel.deadlineId, inMs(1500).toISOString(), { caseId: sentinel.caseId, revision: 1 });
    expect(await eventually(async () => firings.of(sentinel.deadlineId).length > 0)).toBe(true);
    expect(firings.of(deadlineId)).toHaveLength(1);
  });

  it('replaces a deadline rescheduled by a later revision, and ignores an earlier revision arriving late', async () => {
    const { caseId, deadlineId } = newDeadline();
    await running.scheduler.schedule(deadlineId, inMs(300).toISOString(), { caseId, revision: 1 });
    const later = inMs(900).toISOString();
    await running.scheduler.schedule(deadlineId, later, { caseId, revision: 4 });
    await running.scheduler.schedule(deadlineId, inMs(200).toISOString(), { caseId, revision: 2 });
    const sentinel = newDeadline();
    await running.scheduler.schedule(sentinel.deadlineId, inMs(1800).toISOString(), { caseId: sentinel.caseId, revision: 1 });
    expect(await eventually(async () => firings.of(sentinel.deadlineId).length > 0)).toBe(true);
    expect(firings.of(deadlineId).map((f) => ({ revision: f.revision, dueAt: f.dueAt }))).toEqual([{ revision: 4, dueAt: later }]);
  });

  it('fires at once a deadline that is already past due', async () => {
    const { caseId, deadlineId } = newDeadline();
    await running.scheduler.schedule(deadlineId, new Date(Date.now() - 3_600_000).toISOString(), { caseId, revision: 0 });
    expect(await eventually(async () => firings.of(deadlineId).length === 1)).toBe(true);
  });

  it('retries a firing that failed, as the same job, until it succeeds', async () => {
    const { caseId, deadlineId } = newDeadline();
    firings.answer = async (_firing, previous) => {
      if (previous.length === 0) throw new Error('store unavailable');
      return 'expired';
    };
    await running.scheduler.schedule(deadlineId, inMs(100).toISOString(), { caseId, revision: 0 });
    expect(await eventually(async () => firings.of(deadlineId).length === 2)).toBe(true);
    const [first, second] = firings.of(deadlineId);
    expect({ jobIds: new Set([first!.jobId, second!.jobId]).size, attempts: [first!.attempt, second!.attempt] }).toEqual({ jobIds: 1, attempts: [1, 2] });
    expect(await running.scheduler.listFailed(100)).toEqual([]);
  });

  it('lists a job that failed for good with its reason, without retrying it, and tries it again when the deadline is armed again', async () => {
    const { caseId, deadlineId } = newDeadline();
    firings.answer = async (_firing, previous) => {
      if (previous.length === 0) throw new PermanentFiringError('CASE_NOT_FOUND: no such case');
      return 'expired';
    };
    await running.scheduler.schedule(deadlineId, inMs(50).toISOString(), { caseId, revision: 5 });
    expect(await eventually(async () => (await running.scheduler.listFailed(100)).length === 1)).toBe(true);
    expect(await running.scheduler.listFailed(100)).toEqual([
      expect.objectContaining({ jobId: deadlineJobId(deadlineId, 5), caseId, deadlineId, failedReason: 'CASE_NOT_FOUND: no such case', attemptsMade: 1 }),
    ]);
    expect(firings.of(deadlineId)).toHaveLength(1);
    await running.scheduler.schedule(deadlineId, inMs(50).toISOString(), { caseId, revision: 5 });
    expect(await eventually(async () => firings.of(deadlineId).length === 2)).toBe(true);
    expect(await eventually(async () => (await running.scheduler.listFailed(100)).length === 0)).toBe(true);
  });

  it('fires again at the due time when the firing says it came early', async () => {
    const { caseId, deadlineId } = newDeadline();
    firings.answer = async (_firing, previous) => (previous.length === 0 ? 'early' : 'expired');
    await running.scheduler.schedule(deadlineId, inMs(100).toISOString(), { caseId, revision: 0 });
    expect(await eventually(async () => firings.of(deadlineId).length === 2)).toBe(true);
    expect(firings.of(deadlineId).map((f) => f.attempt)).toEqual([1, 1]);
  });
}
