import { Gauge, Histogram, Registry } from 'prom-client';

/**
 * Metrics the API and the worker both expose under the same names (either may fire deadlines
 * and run projections). Gauges are read when scraped. Labels are bounded sets only: never a case
 * id, a user or anything personal.
 */
export function registerDeadlineLateness(registry: Registry): Histogram<string> {
  return new Histogram({
    name: 'casetrail_deadline_lateness_seconds',
    help: 'How long after its due time each deadline was recorded as missed (ExpireDeadline sent)',
    buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 300, 900, 3600],
    registers: [registry],
  });
}

export function registerProjectionLag(registry: Registry, read: () => Promise<{ projection: string; lag: number }[]>): void {
  new Gauge({
    name: 'casetrail_projection_lag',
    help: "Global positions between the store's head and each projection's checkpoint, as this process knows it (0: caught up)",
    labelNames: ['projection'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { projection, lag } of await read()) this.set({ projection }, lag);
    },
  });
}

export interface QueueDepthSources {
  /** Entries in the escalation queue read model, or undefined when it cannot be read now. */
  escalationEntries: () => Promise<number | undefined>;
  /** BullMQ's deadline jobs by state, or undefined without Redis. */
  deadlineJobs: () => Promise<Record<string, number> | undefined>;
}

export function registerQueueDepth(registry: Registry, sources: QueueDepthSources): void {
  new Gauge({
    name: 'casetrail_escalation_queue_entries',
    help: 'Cases in the escalation queue read model',
    registers: [registry],
    async collect() {
      const entries = await sources.escalationEntries();
      if (entries !== undefined) this.set(entries);
    },
  });
  new Gauge({
    name: 'casetrail_deadline_jobs',
    help: 'Deadline jobs in the BullMQ queue by state (delayed, waiting, failed; only with CASETRAIL_REDIS_URL)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const counts = await sources.deadlineJobs();
      for (const [state, count] of Object.entries(counts ?? {})) this.set({ state }, count);
    },
  });
}

