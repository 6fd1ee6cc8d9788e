import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { CasetrailConfig } from '../config/config.schema';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Structured logs (pino) that carry the request id and never personal data: request logs hold
 * the method, the path without its query string, the status and the time — no headers, no
 * bodies, no query values (filters can name people).
 */
export function loggerOptions(config: CasetrailConfig, app: string, destination?: DestinationStream): Params {
  const options: Options = {
      level: config.CASETRAIL_LOG_LEVEL,
      base: { app },
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // The serializers below read the request and response themselves: pino-http's wrapping
      // would first copy each into pino-std-serializers' shape (every header included) on every
      // request, for the three fields kept.
      wrapSerializers: false,
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
  };
  return { pinoHttp: destination ? [options, destination] : options };
}
