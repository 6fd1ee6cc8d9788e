import { randomBytes } from 'node:crypto';
import { BullmqDeadlineScheduler, DeadlineWorker, InProcessDeadlineScheduler } from '@casetrail/scheduling';
import { describeWithRedis } from '../support/services';
import { deleteKeys, REDIS_DBS, redisUrlFor, runPrefix } from './support/redis-db';
import { deadlineSchedulerContract } from './support/scheduler-contract';

// Hang guards, not speed checks: each wait below ends as soon as its condition holds.
jest.setTimeout(180_000);

describe('DeadlineScheduler contract: in-process timers', () => {
  deadlineSchedulerContract(async (fire) => {
    const scheduler = new InProcessDeadlineScheduler({ fire, backoffMs: 200 });
    return { scheduler, stop: () => scheduler.close() };
  });
});

describeWithRedis('DeadlineScheduler contract: BullMQ on Redis', () => {
  const url = redisUrlFor(REDIS_DBS.contract);
  const prefix = runPrefix('contract');
  afterAll(() => deleteKeys(url, prefix));

  deadlineSchedulerContract(async (fire) => {
    // A queue of its own per test: nothing armed by one test can fire in the next.
    const queue = { url, prefix, queueName: `deadlines-${randomBytes(4).toString('hex')}` };
    const scheduler = new BullmqDeadlineScheduler(queue);
    const worker = new DeadlineWorker({ fire, reconcile: async () => undefined, escalationSweep: async () => undefined }, queue);
    await worker.worker.waitUntilReady();
    return {
      scheduler,
      async stop() {
        await worker.close();
        await scheduler.close();
      },
    };
  });
});
