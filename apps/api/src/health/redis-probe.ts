import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { CasetrailConfig, CASETRAIL_CONFIG } from '@casetrail/shared';

/** Answers whether Redis (when configured) is reachable, for /health/ready. */
@Injectable()
export class RedisProbe implements OnApplicationShutdown {
  private readonly client?: Redis;

  constructor(@Inject(CASETRAIL_CONFIG) config: CasetrailConfig) {
    if (config.CASETRAIL_REDIS_URL) {
      this.client = new Redis(config.CASETRAIL_REDIS_URL, {
        lazyConnect: true,
        connectTimeout: 1000,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        // No background reconnecting: each probe connects again if the last connection ended.
        retryStrategy: () => null,
      });
      // Errors surface through ping(); an unhandled 'error' event would crash the process.
      this.client.on('error', () => undefined);
    }
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  async ping(): Promise<void> {
    if (!this.client) return;
    if (['wait', 'end', 'close'].includes(this.client.status)) await this.client.connect();
    await this.client.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client?.status === 'ready') await this.client.quit().catch(() => undefined);
    else this.client?.disconnect();
  }
}
