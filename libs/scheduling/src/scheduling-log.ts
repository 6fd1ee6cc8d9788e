/** Where the scheduler reports what it did and what failed; the apps pass their pino logger. */
export interface SchedulingLog {
  info(message: string, details?: Record<string, unknown>): void;
  error(message: string, error: unknown): void;
}

export const silentLog: SchedulingLog = { info: () => undefined, error: () => undefined };
