import { Controller, Get, Header, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CASETRAIL_CONFIG, CasetrailConfig, metricsTokenAccepted } from '@casetrail/shared';
import { Public } from '../auth/auth.guard';
import { HttpProblem } from '../problems/http-errors';
import { ApiMetrics } from './api-metrics';

/**
 * Prometheus scrapes GET /metrics (outside /api, so outside the OpenAPI document on purpose). It
 * is for a private network; with CASETRAIL_METRICS_TOKEN it also needs that bearer token. Not
 * registered at all with CASETRAIL_METRICS=off.
 */
@Public()
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ApiMetrics,
    @Inject(CASETRAIL_CONFIG) private readonly config: CasetrailConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: Response, @Headers('authorization') authorization?: string): Promise<void> {
    if (!metricsTokenAccepted(this.config.CASETRAIL_METRICS_TOKEN, authorization)) {
      throw new HttpProblem(401, 'METRICS_TOKEN_REQUIRED', 'Metrics token required', 'GET /metrics needs Authorization: Bearer with CASETRAIL_METRICS_TOKEN', {}, {
        'WWW-Authenticate': 'Bearer realm="metrics"',
      });
    }
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}

