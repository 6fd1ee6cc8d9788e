import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, EventStore, EventStoreCannotWriteError } from '@casetrail/event-store';
import { Public } from '../auth/auth.guard';
import { projectionsHealthy } from '../read-model/projection-health';
import { ReadModels } from '../read-model/read-models.service';
import { RedisProbe } from './redis-probe';
import { WriteRefusals } from './write-refusals';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly redis: RedisProbe,
    private readonly readModels: ReadModels,
    private readonly writeRefusals: WriteRefusals,
  ) {}

  /** The process is up. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** The process can serve: its event store answers and can write, Redis when configured, and no projection is stopped. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.storeAnswers(),
      ...(this.redis.configured ? [() => this.redisAnswers()] : []),
      () => projectionsHealthy(this.readModels, this.indicator),
    ]);
  }

  private async redisAnswers() {
    const check = this.indicator.check('redis');
    try {
      await this.redis.ping();
      return check.up();
    } catch {
      return check.down({ message: 'Redis did not answer' });
    }
  }

  private async storeAnswers() {
    const check = this.indicator.check('eventStore');
    try {
      await this.store.ping();
      const refused = this.writeRefusals.recent();
      if (refused) return check.down({ adapter: this.store.adapter, message: `event store cannot write: ${refused}` });
      return check.up({ adapter: this.store.adapter });
    } catch (error) {
      // A store that answers but cannot write says why (full or read-only disk); nothing else leaks.
      const message = error instanceof EventStoreCannotWriteError ? error.message : 'event store did not answer';
      return check.down({ adapter: this.store.adapter, message });
    }
  }
}
