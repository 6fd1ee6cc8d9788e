import { ThrottlerStorageService } from '@nestjs/throttler';
import fc from 'fast-check';
import { BucketedThrottlerStorage, BUCKETS_PER_WINDOW, ThrottlerStorageRecord } from './bucketed-throttler-storage';

const WINDOW_MS = 60_000;
const BUCKET_MS = WINDOW_MS / BUCKETS_PER_WINDOW;

function clocked(start = 1_750_000_000_000) {
  let now = start;
  return { storage: new BucketedThrottlerStorage(() => now), at: (ms: number) => (now = start + ms) };
}

describe('BucketedThrottlerStorage (ADR 0008: per-user rate limit at a constant cost per request)', () => {
  it('allows `limit` requests in a window, refuses the next with the time left of its block, then starts again', async () => {
    const { storage, at } = clocked();
    const hit = () => storage.increment('alice', WINDOW_MS, 3, WINDOW_MS, 'per-user');
    for (let i = 1; i <= 3; i += 1) expect(await hit()).toMatchObject({ totalHits: i, isBlocked: false, timeToBlockExpire: 0 });
    at(10_000);
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    at(69_999);
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    at(70_000);
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('lets hits leave the window as time passes, so a steady caller under the limit is never refused', async () => {
    const { storage, at } = clocked();
    for (let second = 0; second < 300; second += 1) {
      at(second * 1000);
      const answer = await storage.increment('steady', WINDOW_MS, 60, WINDOW_MS, 'per-user');
      expect(answer.isBlocked).toBe(false);
      expect(answer.totalHits).toBeLessThanOrEqual(60);
    }
  });

  it('counts each caller and each named throttler apart', async () => {
    const { storage } = clocked();
    await storage.increment('alice', WINDOW_MS, 1, WINDOW_MS, 'per-user');
    expect((await storage.increment('alice', WINDOW_MS, 1, WINDOW_MS, 'per-user')).isBlocked).toBe(true);
    expect((await storage.increment('bob', WINDOW_MS, 1, WINDOW_MS, 'per-user')).isBlocked).toBe(false);
    expect((await storage.increment('alice', WINDOW_MS, 1, WINDOW_MS, 'burst')).isBlocked).toBe(false);
  });

  it('forgets callers idle for a window, but not one still blocked', async () => {
    const { storage, at } = clocked();
    await storage.increment('idle', WINDOW_MS, 5, WINDOW_MS, 'per-user');
    await storage.increment('blocked', WINDOW_MS, 0, 5 * WINDOW_MS, 'per-user');
    expect(storage.size).toBe(2);
    at(2 * WINDOW_MS);
    await storage.increment('someone-else', WINDOW_MS, 5, WINDOW_MS, 'per-user');
    expect(storage.size).toBe(2); // idle gone; blocked and someone-else kept
    expect((await storage.increment('blocked', WINDOW_MS, 0, 5 * WINDOW_MS, 'per-user')).isBlocked).toBe(true);
  });

  it('does the same work per request however many hits the window holds', async () => {
    // The library's storage filtered every hit in the window on each request. Here the work is
    // counted, not timed: the buckets cleared per request stay bounded by the window's buckets.
    const { storage, at } = clocked();
    for (let i = 0; i < 200_000; i += 1) {
      at(Math.floor(i / 2)); // 2,000 requests a second for 100 s
      await storage.increment('integration', WINDOW_MS, 1e9, WINDOW_MS, 'per-user');
    }
    expect(storage.size).toBe(1);
    expect((await storage.increment('integration', WINDOW_MS, 1e9, WINDOW_MS, 'per-user')).totalHits).toBeLessThanOrEqual(120_001);
  });

  describe('decides as @nestjs/throttler\'s own storage does, for requests on bucket boundaries', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('the same answers for any sequence of callers, times and limits (property, 100 runs)', async () => {
      const start = Math.ceil(1_750_000_000_000 / BUCKET_MS) * BUCKET_MS;
      const request = fc.record({ caller: fc.constantFrom('alice', 'bob'), afterBuckets: fc.integer({ min: 0, max: 40 }) });
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.constantFrom(WINDOW_MS, 2 * WINDOW_MS, 0), fc.array(request, { minLength: 1, maxLength: 80 }), async (limit, blockDuration, requests) => {
          jest.setSystemTime(start);
          const library = new ThrottlerStorageService();
          const ours = new BucketedThrottlerStorage(() => Date.now());
          try {
            let now = start;
            for (const { caller, afterBuckets } of requests) {
              now += afterBuckets * BUCKET_MS;
              jest.setSystemTime(now);
              // The guard reads timeToBlockExpire only from a refusal (the library's is meaningless otherwise).
              const pick = ({ totalHits, isBlocked, timeToBlockExpire }: ThrottlerStorageRecord) => ({ totalHits, isBlocked, ...(isBlocked ? { timeToBlockExpire } : {}) });
              const expected = pick(await library.increment(caller, WINDOW_MS, limit, blockDuration, 'per-user'));
              expect(pick(await ours.increment(caller, WINDOW_MS, limit, blockDuration, 'per-user'))).toEqual(expected);
            }
          } finally {
            library.onApplicationShutdown();
          }
        }),
        { numRuns: 100 },
      );
    });
  });
});
