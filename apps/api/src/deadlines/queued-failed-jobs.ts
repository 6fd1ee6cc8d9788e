import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { BullmqDeadlineScheduler, FailedJob, FailedJobs } from '@casetrail/scheduling';

/**
 * With Redis the worker fires deadlines; the API only reads the failed jobs, through a producer
 * connection that fails fast when Redis is down.
 */
@Injectable()
export class QueuedFailedJobs implements FailedJobs, OnModuleDestroy {
  private readonly queue: BullmqDeadlineScheduler;

  constructor(url: string) {
    this.queue = new BullmqDeadlineScheduler({ url });
  }

  listFailed(limit: number): Promise<FailedJob[]> {
    return this.queue.listFailed(limit);
  }

  jobCounts(): Promise<Record<'delayed' | 'waiting' | 'failed', number>> {
    return this.queue.jobCounts();
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}
