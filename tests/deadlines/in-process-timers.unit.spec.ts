import { InProcessDeadlineScheduler, MAX_TIMER_MS } from '@casetrail/scheduling';

const DAY = 24 * 3_600_000;

describe('in-process deadline timers', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-03-02T10:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('holds a deadline beyond the reach of one timer (about 24.8 days) until it is due, then fires it once', async () => {
    const fire = jest.fn(async () => 'expired' as const);
    const setTimer = jest.spyOn(global, 'setTimeout');
    const scheduler = new InProcessDeadlineScheduler({ fire });
    const dueAt = new Date(Date.now() + 60 * DAY); // the 21-day CPN appeal window would fit; a 6-month CPW lapse would not
    await scheduler.schedule('cpw-cpn-1/CPN_EXPIRY', dueAt.toISOString(), { caseId: 'cpw-cpn-1', revision: 7 });

    await jest.advanceTimersByTimeAsync(60 * DAY - 1);
    expect(fire).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(fire).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(90 * DAY);
    expect(fire).toHaveBeenCalledTimes(1);
    const delays = setTimer.mock.calls.map(([, delay]) => delay ?? 0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_TIMER_MS);
    await scheduler.close();
  });

  it('measures its timers against the clock again when asked, so a clock that jumped fires what is now due', async () => {
    const fire = jest.fn(async () => 'expired' as const);
    const scheduler = new InProcessDeadlineScheduler({ fire });
    await scheduler.schedule('asb-1/ASB_TRIAGE_DUE', new Date(Date.now() + DAY).toISOString(), { caseId: 'asb-1', revision: 2 });
    jest.setSystemTime(Date.now() + 2 * DAY); // the wall clock jumps; the armed timer does not know
    await jest.advanceTimersByTimeAsync(0);
    expect(fire).not.toHaveBeenCalled();
    scheduler.rearmAll();
    await jest.advanceTimersByTimeAsync(0);
    expect(fire).toHaveBeenCalledTimes(1);
    await scheduler.close();
  });

  it('stops retrying after its attempts and lists the job as failed with the last reason', async () => {
    const fire = jest.fn(async () => {
      throw new Error('store unavailable');
    });
    const scheduler = new InProcessDeadlineScheduler({ fire, attempts: 3, backoffMs: 1000 });
    await scheduler.schedule('asb-2/ASB_TRIAGE_DUE', new Date(Date.now() + 10).toISOString(), { caseId: 'asb-2', revision: 2 });
    await jest.advanceTimersByTimeAsync(10 + 1000 + 2000);
    expect(fire).toHaveBeenCalledTimes(3);
    await jest.advanceTimersByTimeAsync(DAY);
    expect(fire).toHaveBeenCalledTimes(3);
    expect(await scheduler.listFailed(10)).toEqual([
      expect.objectContaining({ deadlineId: 'asb-2/ASB_TRIAGE_DUE', failedReason: 'store unavailable', attemptsMade: 3 }),
    ]);
    await scheduler.close();
  });
});
