import { DeadlineScheduler } from './deadline-scheduler.port';
import { OpenDeadlineSource } from './open-deadlines';

/** Scheduler calls in flight at once while re-arming (each is a few Redis round trips). */
const IN_FLIGHT = 32;

/**
 * Re-arms every open deadline from the store's view of them. Deterministic job ids make it
 * idempotent, so it can run at start-up and on a schedule: a Redis that lost its data (flushed,
 * restored from an old snapshot, replaced) gets every open deadline back, and none twice.
 */
export async function reconcileDeadlines(source: OpenDeadlineSource, scheduler: DeadlineScheduler): Promise<{ armed: number }> {
  const open = await source.listOpenDeadlines();
  for (let start = 0; start < open.length; start += IN_FLIGHT) {
    await Promise.all(
      open
        .slice(start, start + IN_FLIGHT)
        .map((d) => scheduler.schedule(d.deadlineId, d.dueAt, { caseId: d.caseId, revision: d.revision })),
    );
  }
  return { armed: open.length };
}
