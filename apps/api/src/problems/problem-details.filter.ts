import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { WriteRefusals } from '../health/write-refusals';
import { toProblem, Problem } from './problem-mapping';

/**
 * Every error leaves as RFC 9457 problem+json with a stable `type` and `code`. Only an
 * unexpected error is a 500, and it carries the request id, never internals; it is logged
 * without request data (no personal data in logs).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly writeRefusals?: WriteRefusals) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const requestId = String(request.id ?? response.getHeader('X-Request-Id') ?? randomUUID());
    let problem: Problem = toProblem(exception);
    if (problem.status === 503 && !(exception instanceof HttpException)) {
      this.writeRefusals?.seen(exception);
      // An outage (store, database), not a bug: one line per refusal, no stack; the operator's
      // signal is /health/ready and the metrics, and the client was told to retry.
      this.logger.warn({ requestId, error: exception instanceof Error ? exception.name : typeof exception, code: problem.body.code }, 'refused while the store is unavailable');
    } else if (problem.status >= 500 && !(exception instanceof HttpException && exception.getStatus() === 503)) {
      this.logger.error({ requestId, error: exception instanceof Error ? exception.name : typeof exception, stack: exception instanceof Error ? exception.stack : undefined }, 'unexpected error');
    }
    problem = { ...problem, body: { ...problem.body, instance: request.path ?? request.url?.split('?')[0], requestId } };
    if (response.headersSent) return;
    Object.entries(problem.headers ?? {}).forEach(([name, value]) => response.setHeader(name, value));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem.body));
  }
}
