import { CasetrailDatabase } from '@casetrail/persistence';
import { CommandRuntime } from '../case-runtime';
import { DeadlineExpiry } from '../deadline-expiry';
import { DeadlineProcessor } from '../deadline-processor';
import { EscalationSweep } from '../escalation-sweep';
import { OpenDeadlineSource, ReadModelOpenDeadlines } from '../open-deadlines';
import { reconcileDeadlines } from '../reconcile';
import { SchedulingLog, silentLog } from '../scheduling-log';
import { BullmqDeadlineScheduler } from './bullmq-deadline-scheduler';
import { DeadlineQueueOptions, JOB_NAMES, PERIODIC_JOB_OPTIONS } from './deadline-queue';
import { DeadlineWorker, DeadlineWorkerOptions } from './deadline-worker';

export interface QueuedDeadlinesOptions extends DeadlineQueueOptions {
  runtime: CommandRuntime;
  db: CasetrailDatabase;
  log?: SchedulingLog;
  worker?: Omit<DeadlineWorkerOptions, keyof DeadlineQueueOptions>;
  /** BullMQ Job Schedulers run reconcile and the escalation sweeps this often. */
  reconcileEveryMs?: number;
  sweepEveryMs?: number;
  /**
   * How often this process checks that Redis still holds the Job Schedulers. A flushed or
   * replaced Redis loses them with every job; finding them gone, it puts them back and reconciles.
   */
  redisCheckEveryMs?: number;
  openDeadlines?: OpenDeadlineSource;
}

/**
 * Deadlines on Redis, for apps/worker: the processor arms BullMQ jobs from the store, the
 * worker fires them, and two Job Schedulers run reconcile and the escalation sweeps. Several
 * worker processes may run this at once: every step is idempotent.
 */
export class QueuedDeadlines {
  readonly scheduler: BullmqDeadlineScheduler;
  readonly processor: DeadlineProcessor;
  readonly worker: DeadlineWorker;
  private readonly sweeper: EscalationSweep;
  private readonly openDeadlines: OpenDeadlineSource;
  private readonly log: SchedulingLog;
  private redisCheck?: NodeJS.Timeout;
  private checkingRedis = false;

  constructor(private readonly options: QueuedDeadlinesOptions) {
    const { runtime, db } = options;
    const queue = { url: options.url, ...(options.queueName ? { queueName: options.queueName } : {}), ...(options.prefix ? { prefix: options.prefix } : {}) };
    this.log = options.log ?? silentLog;
    this.scheduler = new BullmqDeadlineScheduler(queue);
    this.processor = new DeadlineProcessor(runtime.store, db, this.scheduler, {
      onError: (error) => this.log.error('deadline processor failed; restarting from its checkpoint', error),
    });
    this.sweeper = new EscalationSweep(runtime, db);
    this.openDeadlines = options.openDeadlines ?? new ReadModelOpenDeadlines(runtime.store, db);
    this.worker = new DeadlineWorker(
      { fire: new DeadlineExpiry(runtime).fire, reconcile: () => this.reconcile(), escalationSweep: () => this.sweeper.sweep() },
      { ...queue, ...options.worker, autorun: false },
    );
    this.worker.worker.on('failed', (job, error) => this.log.error(`job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed`, error));
  }

  async start(): Promise<void> {
    await this.processor.start();
    await this.reconcile();
    await this.upsertJobSchedulers();
    void this.worker.worker.run().catch((error: unknown) => this.log.error('deadline worker stopped', error));
    this.redisCheck = setInterval(() => void this.recoverIfRedisLost(), this.options.redisCheckEveryMs ?? 30_000);
    this.redisCheck.unref();
  }

  /** Graceful: the jobs under way finish, no new one starts, then the connections close. */
  async stop(): Promise<void> {
    clearInterval(this.redisCheck);
    await this.worker.close();
    await this.processor.stop();
    await this.scheduler.close();
  }

  /** Idempotent: upserting an existing Job Scheduler only updates it. */
  async upsertJobSchedulers(): Promise<void> {
    await this.scheduler.queue.upsertJobScheduler(
      JOB_NAMES.reconcile,
      { every: this.options.reconcileEveryMs ?? 15 * 60_000 },
      { name: JOB_NAMES.reconcile, opts: PERIODIC_JOB_OPTIONS },
    );
    await this.scheduler.queue.upsertJobScheduler(
      JOB_NAMES.escalationSweep,
      { every: this.options.sweepEveryMs ?? 15 * 60_000 },
      { name: JOB_NAMES.escalationSweep, opts: PERIODIC_JOB_OPTIONS },
    );
  }

  /** True when Redis had lost the Job Schedulers and everything was put back. */
  async recoverIfRedisLost(): Promise<boolean> {
    if (this.checkingRedis) return false;
    this.checkingRedis = true;
    try {
      if (await this.scheduler.queue.getJobScheduler(JOB_NAMES.reconcile)) return false;
      this.log.info('Redis has lost the deadline Job Schedulers (flushed or replaced): re-arming every open deadline');
      await this.upsertJobSchedulers();
      await this.reconcile();
      return true;
    } catch (error) {
      this.log.error('checking Redis for the deadline Job Schedulers failed', error);
      return false;
    } finally {
      this.checkingRedis = false;
    }
  }

  async reconcile(): Promise<{ armed: number }> {
    const result = await reconcileDeadlines(this.openDeadlines, this.scheduler);
    this.log.info('deadlines reconciled', result);
    return result;
  }
}
