import { ArgumentsHost, Logger } from '@nestjs/common';
import { EventStoreUnavailableError } from '@casetrail/event-store';
import { ProblemDetailsFilter } from './problem-details.filter';

/** A response that records what the filter sends; the request has an id and a path. */
function hostFor() {
  const sent: { status?: number; body?: string; headers: Record<string, unknown> } = { headers: {} };
  const response = {
    headersSent: false,
    getHeader: () => undefined,
    setHeader: (name: string, value: unknown) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    type() {
      return this;
    },
    send: (body: string) => (sent.body = body),
  };
  const request = { id: 'req-1', path: '/api/cases' };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('ProblemDetailsFilter logging', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs a store outage as a warning without a stack, and answers 503 with Retry-After', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent } = hostFor();
    new ProblemDetailsFilter().catch(new EventStoreUnavailableError('SQLite event store cannot write'), host);
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('2');
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    const [fields, message] = warn.mock.calls[0]!;
    expect(message).toBe('refused while the store is unavailable');
    expect(fields).toEqual({ requestId: 'req-1', error: 'EventStoreUnavailableError', code: expect.any(String) });
  });

  it('still logs an unexpected error as an error, with its stack', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent } = hostFor();
    new ProblemDetailsFilter().catch(new TypeError('boom'), host);
    expect(sent.status).toBe(500);
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ requestId: 'req-1', error: 'TypeError', stack: expect.stringContaining('boom') }), 'unexpected error');
  });
});
