import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toProblem } from '../problems/problem-mapping';
import { CsrfRejected, SignInRequired } from './console-request';
import { ConsoleViews } from './console-views';

const PAGES: Record<number, { title: string; body: string }> = {
  400: { title: 'There is a problem with that address', body: 'Check the link or the values in it and try again.' },
  403: { title: 'You do not have permission to do that', body: 'Your role or agency does not allow it. Ask your manager if you think it should.' },
  404: { title: 'Page not found', body: 'If you typed the web address, check it is correct. If you followed a link to a case, it may not exist or you may not have access to it.' },
  503: { title: 'Sorry, the service is unavailable', body: 'Try again in a few minutes.' },
  500: { title: 'Sorry, there is a problem with the service', body: 'Try again later.' },
};

/** Console errors as GOV.UK error pages (never problem+json, never internals); no session goes to sign-in. */
@Catch()
export class ConsoleErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Console');

  constructor(private readonly views: ConsoleViews) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (exception instanceof SignInRequired) {
      res.redirect(303, '/sign-in');
      return;
    }
    if (exception instanceof CsrfRejected) {
      this.views.render(req, res, 'error.njk', {
        title: 'Your form could not be sent',
        body: 'The page was open too long, or the form did not come from this service. Nothing was changed. Go back, reload the page and try again.',
      }, 403);
      return;
    }
    const problem = toProblem(exception);
    if (problem.status >= 500 && problem.status !== 503) {
      this.logger.error({ error: exception instanceof Error ? exception.name : typeof exception, stack: exception instanceof Error ? exception.stack : undefined }, 'console error');
    }
    const status = problem.status === 401 ? 303 : problem.status;
    if (status === 303) {
      res.redirect(303, '/sign-in');
      return;
    }
    const page = PAGES[status] ?? (status >= 500 ? PAGES[500]! : PAGES[400]!);
    this.views.render(req, res, 'error.njk', { ...page, detail: status < 500 ? problem.body.detail : undefined }, status);
  }
}
