import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { CASETRAIL_CONFIG, CasetrailConfig, metricsTokenAccepted } from '@casetrail/shared';
import { WorkerMetrics } from './worker-metrics';

/**
 * The worker has no HTTP API: this small listener serves GET /metrics on CASETRAIL_METRICS_PORT
 * (on HOST; only when that is set, see WorkerMetricsModule), with the API's rule for CASETRAIL_METRICS_TOKEN. Anything else is a 404.
 */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly metrics: WorkerMetrics,
    @Inject(CASETRAIL_CONFIG) private readonly config: CasetrailConfig,
  ) {}

  /** The port it listens on (CASETRAIL_METRICS_PORT). */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.CASETRAIL_METRICS_PORT!, this.config.HOST, () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const problem = (status: number, code: string, detail: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/problem+json', ...headers });
      res.end(JSON.stringify({ type: `https://casetrail.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title: detail, status, code, detail }));
    };
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') return problem(404, 'NOT_FOUND', 'The worker serves only GET /metrics');
    if (!metricsTokenAccepted(this.config.CASETRAIL_METRICS_TOKEN, req.headers.authorization)) {
      return problem(401, 'METRICS_TOKEN_REQUIRED', 'GET /metrics needs Authorization: Bearer with CASETRAIL_METRICS_TOKEN', {
        'WWW-Authenticate': 'Bearer realm="metrics"',
      });
    }
    try {
      const body = await this.metrics.registry.metrics();
      res.writeHead(200, { 'Content-Type': this.metrics.registry.contentType, 'Cache-Control': 'no-store' });
      res.end(body);
    } catch (error) {
      this.logger.error({ error: error instanceof Error ? error.name : typeof error }, 'metrics collection failed');
      problem(503, 'METRICS_UNAVAILABLE', 'The metrics could not be collected now');
    }
  }
}
