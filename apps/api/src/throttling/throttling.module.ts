import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { CasetrailConfig } from '@casetrail/shared';
import { BucketedThrottlerStorage } from './bucketed-throttler-storage';
import { PerUserThrottlerGuard } from './per-user-throttler.guard';

/**
 * Per-user rate limiting (ADR 0010). Import it after AuthModule: global guards run in the order
 * their modules are imported, and this one needs the principal the AuthGuard sets.
 */
@Module({})
export class ThrottlingModule {
  static forRoot(config: CasetrailConfig): DynamicModule {
    return {
      module: ThrottlingModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'per-user', limit: config.CASETRAIL_RATE_LIMIT, ttl: config.CASETRAIL_RATE_LIMIT_WINDOW_SECONDS * 1000 }],
          // No X-RateLimit-* headers: they would differ between otherwise identical answers (a 404
          // for a restricted case must look like one for a missing case). 429 carries Retry-After.
          setHeaders: false,
          // Constant work per request however high the limit (the library's storage filters every hit in the window).
          storage: new BucketedThrottlerStorage(),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: PerUserThrottlerGuard }],
    };
  }
}
