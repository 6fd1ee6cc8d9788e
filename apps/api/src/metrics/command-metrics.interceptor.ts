import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { toProblem } from '../problems/problem-mapping';
import { ApiMetrics, CommandOperation } from './api-metrics';

/**
 * Counts and times the command routes. A refusal is labelled with the `code` of the problem the
 * filter will send, from the same mapping (problem-mapping.ts), so the two cannot disagree.
 */
@Injectable()
export class CommandMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: ApiMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const operation: CommandOperation = context.getHandler().name === 'open' ? 'open' : 'send';
    const stop = this.metrics.commandDuration.startTimer({ operation });
    return next.handle().pipe(
      tap({
        next: () => undefined,
        complete: () => {
          stop();
          this.metrics.commands.inc({ operation, outcome: 'accepted' });
        },
        error: (error: unknown) => {
          stop();
          const { status, body } = toProblem(error);
          this.metrics.commands.inc({ operation, outcome: status >= 500 ? 'failed' : 'refused' });
          if (status < 500) this.metrics.refusals.inc({ operation, code: body.code });
        },
      }),
    );
  }
}
