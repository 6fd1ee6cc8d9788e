import { CasetrailDatabase } from '@casetrail/persistence';
import { CommandRuntime } from '../case-runtime';
import { DeadlineExpiry } from '../deadline-expiry';
import { DeadlineProcessor } from '../deadline-processor';
import { EscalationSweep, SweepReport } from '../escalation-sweep';
import { OpenDeadlineSource, ReadModelOpenDeadlines } from '../open-deadlines';
import { reconcileDeadlines } from '../reconcile';
import { SchedulingLog, silentLog } from '../scheduling-log';
import { InProcessDeadlineScheduler, InProcessSchedulerOptions } from './in-process-deadline-scheduler';

export interface EmbeddedDeadlinesOptions {
  runtime: CommandRuntime;
  db: CasetrailDatabase;
  log?: SchedulingLog;
  /** Re-arm every open deadline this often (and measure every timer against the clock again). */
  reconcileEveryMs?: number;
  /** Run the escalation sweeps this often. */
  sweepEveryMs?: number;
  openDeadlines?: OpenDeadlineSource;
  timers?: Omit<InProcessSchedulerOptions, 'fire' | 'now'>;
}

/**
 * Deadlines without Redis: the processor arms in-process timers from the store, reconcile
 * re-arms every open deadline at start-up (so one that fell due while the process was down
 * fires now) and every few minutes, and the escalation sweeps run on an interval.
 */
export class EmbeddedDeadlines {
  readonly scheduler: InProcessDeadlineScheduler;
  readonly processor: DeadlineProcessor;
  private readonly sweeper: EscalationSweep;
  private readonly openDeadlines: OpenDeadlineSource;
  private readonly log: SchedulingLog;
  private intervals: NodeJS.Timeout[] = [];

  constructor(private readonly options: EmbeddedDeadlinesOptions) {
    const { runtime, db } = options;
    this.log = options.log ?? silentLog;
    this.scheduler = new InProcessDeadlineScheduler({ ...options.timers, fire: new DeadlineExpiry(runtime).fire, now: runtime.now });
    this.processor = new DeadlineProcessor(runtime.store, db, this.scheduler, {
      onError: (error) => this.log.error('deadline processor failed; restarting from its checkpoint', error),
    });
    this.sweeper = new EscalationSweep(runtime, db);
    this.openDeadlines = options.openDeadlines ?? new ReadModelOpenDeadlines(runtime.store, db);
  }

  async start(): Promise<void> {
    await this.reconcile();
    await this.processor.start();
    this.every(this.options.reconcileEveryMs ?? 5 * 60_000, () => this.reconcile());
    this.every(this.options.sweepEveryMs ?? 15 * 60_000, () => this.sweep());
  }

  async stop(): Promise<void> {
    this.intervals.forEach((interval) => clearInterval(interval));
    this.intervals = [];
    await this.processor.stop();
    await this.scheduler.close();
  }

  async reconcile(): Promise<{ armed: number }> {
    const result = await reconcileDeadlines(this.openDeadlines, this.scheduler);
    this.scheduler.rearmAll();
    return result;
  }

  async sweep(): Promise<SweepReport> {
    const report = await this.sweeper.sweep();
    if (report.sent.length > 0) this.log.info('escalation sweep sent commands', { sent: report.sent.length });
    return report;
  }

  private every(ms: number, task: () => Promise<unknown>): void {
    let running = false;
    const interval = setInterval(() => {
      // A run slower than its interval is not stacked on: the next tick after it finishes goes.
      if (running) return;
      running = true;
      task()
        .catch((error: unknown) => this.log.error('periodic deadline task failed', error))
        .finally(() => (running = false));
    }, ms);
    interval.unref();
    this.intervals.push(interval);
  }
}
