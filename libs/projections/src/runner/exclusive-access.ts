import { setTimeout as sleep } from 'node:timers/promises';
import { CasetrailDatabase } from '@casetrail/persistence';
import { HANDOVER_TTL_MS, requestHandover, withdrawHandover } from './handover';
import { ProjectionLocks } from './projection-lock';

const ACQUIRE_RETRY_MS = 100;

/**
 * One rebuild or verify of a projection at a time: they share its shadow tables. A second lock
 * per projection, so the first part of a rebuild does not stop the live runner.
 */
export async function withRebuildSlot<T>(locks: ProjectionLocks, name: string, work: () => Promise<T>): Promise<T> {
  const slot = locks.lockFor(`${name}#rebuild`);
  if (!(await slot.tryAcquire())) {
    throw new Error(`a rebuild or verify of ${name} is already running (${(await locks.holderOf(`${name}#rebuild`)) ?? 'holder unknown'})`);
  }
  try {
    return await work();
  } finally {
    await slot.release();
  }
}

/**
 * Takes the projection's own lock from whoever runs it: asks the runners to let go (they look
 * every RunnerTuning.handoverCheckMs), takes the lock, does the work, gives it back. The request
 * is renewed while the work lasts and expires if this process dies, so the runners resume.
 */
export async function whileRunnersYield<T>(
  db: CasetrailDatabase,
  locks: ProjectionLocks,
  name: string,
  timeoutMs: number,
  work: () => Promise<T>,
): Promise<T> {
  await requestHandover(db, name, locks.owner);
  const renewal = setInterval(() => void requestHandover(db, name, locks.owner).catch(() => undefined), HANDOVER_TTL_MS / 3);
  renewal.unref();
  try {
    const lock = locks.lockFor(name);
    const deadline = Date.now() + timeoutMs;
    while (!(await lock.tryAcquire())) {
      if (Date.now() > deadline) {
        throw new Error(`${name} is held by ${(await locks.holderOf(name)) ?? 'another process'}, which did not let go within ${timeoutMs / 1000} s`);
      }
      await sleep(ACQUIRE_RETRY_MS);
    }
    try {
      return await work();
    } finally {
      await lock.release();
    }
  } finally {
    clearInterval(renewal);
    await withdrawHandover(db, name, locks.owner);
  }
}
