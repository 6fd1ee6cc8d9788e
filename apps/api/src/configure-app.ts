import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { dirname } from 'node:path';
import { configureConsole, isConsolePath } from './console/console-setup';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { noteAcceptedWrites, WriteRefusals } from './health/write-refusals';
import { HttpProblem } from './problems/http-errors';
import { answerClientErrorsAsProblems } from './problems/client-errors';

export const BODY_LIMIT = '1mb';

/** Refuses a body that is not JSON before anything reads it. */
function requireJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  // The web console's own pages take HTML form posts (configureConsole parses them).
  const consoleForm = isConsolePath(req.path) && typeof req.is('application/x-www-form-urlencoded') === 'string';
  if (hasBody && !consoleForm && ['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is(['application/json', 'application/*+json'])) {
    next(new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the body as application/json'));
    return;
  }
  next();
}

/** Everything main.ts and the e2e tests both need, so tests run the app as it ships. */
export function configureApp(app: INestApplication): void {
  const http = app as NestExpressApplication;
  http.disable('x-powered-by');
  configureConsole(http);
  http.use(requireJsonBodies);
  http.useBodyParser('json', { limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] });
  http.use('/api/docs-assets', express.static(dirname(require.resolve('swagger-ui-dist/package.json'))));
  const writeRefusals = app.get(WriteRefusals);
  http.use(noteAcceptedWrites(writeRefusals));
  app.useGlobalFilters(new ProblemDetailsFilter(writeRefusals));
  answerClientErrorsAsProblems(http.getHttpServer());
  app.enableShutdownHooks();
}
