import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Registry } from 'prom-client';
import { EVENT_STORE, EventStore } from '@casetrail/event-store';
import { countEscalationEntries } from '@casetrail/projections';
import { providerLookup, registerDeadlineLateness, registerProjectionLag, registerQueueDepth } from '@casetrail/shared';
import { QueuedDeadlinesHost } from '../deadlines/queued-deadlines.host';
import { WorkerProjectionsHost } from '../projections/worker-projections.host';

/**
 * This worker's Prometheus metrics (its own registry): deadline lateness when it fires deadlines
 * (CASETRAIL_REDIS_URL), projection lag when it runs the projections (CASETRAIL_PROJECTIONS=worker),
 * queue depth (escalation queue entries, BullMQ jobs by state). Same names as the API's.
 */
@Injectable()
export class WorkerMetrics {
  readonly registry = new Registry();
  readonly deadlineLateness = registerDeadlineLateness(this.registry);

  constructor(moduleRef: ModuleRef) {
    const find = providerLookup(moduleRef);
    registerProjectionLag(this.registry, async () => {
      const projections = find<WorkerProjectionsHost>(WorkerProjectionsHost);
      const store = find<EventStore>(EVENT_STORE);
      if (!projections || !store) return [];
      const head = await store.headPosition();
      return projections.statuses().map((s) => ({ projection: s.name, lag: Math.max(0, head - s.position) }));
    });
    registerQueueDepth(this.registry, {
      escalationEntries: async () => {
        const db = (find<WorkerProjectionsHost>(WorkerProjectionsHost) ?? find<QueuedDeadlinesHost>(QueuedDeadlinesHost))?.db;
        return db ? countEscalationEntries(db) : undefined;
      },
      deadlineJobs: async () => find<QueuedDeadlinesHost>(QueuedDeadlinesHost)?.jobCounts(),
    });
  }
}
