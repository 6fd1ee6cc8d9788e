import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Counter, Histogram, Registry } from 'prom-client';
import { EVENT_STORE, EventStore } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { FailedJobs } from '@casetrail/scheduling';
import { countEscalationEntries } from '@casetrail/projections';
import { providerLookup, registerDeadlineLateness, registerProjectionLag, registerQueueDepth } from '@casetrail/shared';
import { FAILED_JOBS } from '../deadlines/failed-jobs.token';
import { DATABASE } from '../persistence/database.module';
import { ReadModels } from '../read-model/read-models.service';

/** Where a command came in: opening a case, or a command on one. Bounded: a label value. */
export type CommandOperation = 'open' | 'send';

/**
 * This API process's Prometheus metrics, in a registry of its own (not prom-client's global one:
 * several apps in one test process must not share counters). Labels are bounded sets only
 * (operation, outcome, problem code, projection, job state): never a case id or a user.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();
  readonly commands = new Counter({
    name: 'casetrail_commands_total',
    help: 'Commands received over HTTP, by operation and outcome (accepted or refused)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly commandDuration = new Histogram({
    name: 'casetrail_command_duration_seconds',
    help: 'Time to answer a command over HTTP, refusals included',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly refusals = new Counter({
    name: 'casetrail_command_refusals_total',
    help: 'Commands refused, by operation and the problem code of the answer',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });
  readonly deadlineLateness = registerDeadlineLateness(this.registry);

  constructor(moduleRef: ModuleRef) {
    const find = providerLookup(moduleRef);
    registerProjectionLag(this.registry, async () => {
      const readModels = find<ReadModels>(ReadModels);
      const store = find<EventStore>(EVENT_STORE);
      if (!readModels || !store) return [];
      const head = await store.headPosition();
      return readModels.statuses().map((s) => ({ projection: s.name, lag: Math.max(0, head - s.position) }));
    });
    registerQueueDepth(this.registry, {
      escalationEntries: async () => {
        const db = find<CasetrailDatabase>(DATABASE);
        return db ? countEscalationEntries(db) : undefined;
      },
      deadlineJobs: async () => find<FailedJobs>(FAILED_JOBS)?.jobCounts?.(),
    });
  }
}
