import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, EventStore } from '@casetrail/event-store';
import { Public } from '../auth/auth.guard';
import { projectionsHealthy } from '../read-model/projection-health';
import { ReadModels } from '../read-model/read-models.service';
import { RedisProbe } from './redis-probe';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly redis: RedisProbe,
    private readonly readModels: ReadModels,
  ) {}

  /** The process is up. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** The process can serve: its event store answers, Redis when configured, and no projection is stopped. */
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
      return check.up({ adapter: this.store.adapter });
    } catch {
      return check.down({ adapter: this.store.adapter, message: 'event store did not answer' });
    }
  }
}
