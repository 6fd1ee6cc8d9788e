import { DeadlineExpiry, deadlineJobId } from '@casetrail/scheduling';
import { Casework } from '../../tests/deadlines/support/casework';

/**
 * `count` ASB cases, each with a deadline due in a day, and `fireAll` to send each one's
 * ExpireDeadline straight through DeadlineExpiry (the command path alone, no queue), at most
 * `concurrency` at a time, with a clock already past the due time.
 */
export async function pastDueDeadlines(casework: Casework, count: number): Promise<{ count: number; fireAll(concurrency: number): Promise<void> }> {
  const dueAt = new Date(Date.now() + 24 * 3_600_000);
  const cases: Awaited<ReturnType<Casework['reportAsb']>>[] = [];
  for (let i = 0; i < count; i += 1) cases.push(await casework.reportAsb(dueAt));
  // The decider records the miss as the worker's firing would.
  const expiry = new DeadlineExpiry({ ...casework.runtime, now: () => new Date(dueAt.getTime() + 1000) });
  return {
    count: cases.length,
    async fireAll(concurrency) {
      let next = 0;
      const lane = async () => {
        while (next < cases.length) {
          const c = cases[next++]!;
          await expiry.fire({ ...c, dueAt: dueAt.toISOString(), jobId: deadlineJobId(c.deadlineId, c.revision), attempt: 1 });
        }
      };
      await Promise.all(Array.from({ length: concurrency }, lane));
    },
  };
}
