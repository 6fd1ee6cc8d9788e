/**
 * Short locks so a killed worker's jobs come back in seconds, not BullMQ's default 30 s.
 * Both the killed worker and the one that takes over use them: the lock the dead one left
 * expires after its lockDuration, and the survivor looks for stalled jobs every stalledInterval.
 */
export const STALL_SETTINGS = { lockDuration: 2_000, stalledInterval: 1_000, concurrency: 8 } as const;
