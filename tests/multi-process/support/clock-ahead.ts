/**
 * Preloaded (`node -r`) into the worker processes of the multi-process test only: their clock runs
 * CASETRAIL_TEST_CLOCK_AHEAD_MS ahead of the real one, so deadlines the API set 24 hours out are
 * already due for them, and they fire at once through the real BullMQ path. Timers are untouched.
 */
const aheadMs = Number(process.env.CASETRAIL_TEST_CLOCK_AHEAD_MS ?? '0');

if (aheadMs !== 0) {
  const RealDate = Date;
  class AheadDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + aheadMs);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return RealDate.now() + aheadMs;
    }
  }
  globalThis.Date = AheadDate as DateConstructor;
}
