import { HttpException } from '@nestjs/common';
import {
  EventIdConflictError,
  EventStoreUnavailableError,
  InvalidEventStoreInputError,
  WrongExpectedRevisionError,
} from '@casetrail/event-store';
import {
  CaseNotFoundError,
  CommandValidationError,
  DomainRuleError,
  MissingBankHolidayYearError,
  PolicyNotInForceError,
  UnknownCommandError,
} from '@casetrail/workflow';
import { isDatabaseUnavailable } from '@casetrail/persistence';
import { HttpProblem } from './http-errors';

export interface Problem {
  status: number;
  headers?: Record<string, string>;
  body: { type: string; title: string; status: number; code: string; detail: string } & Record<string, unknown>;
}

const TYPE_BASE = 'https://casetrail.dev/problems/';

function problem(status: number, code: string, title: string, detail: string, extensions: Record<string, unknown> = {}, headers?: Record<string, string>): Problem {
  return { status, ...(headers ? { headers } : {}), body: { type: `${TYPE_BASE}${code.toLowerCase().replace(/_/g, '-')}`, title, status, code, detail, ...extensions } };
}

/** Errors that carry their own HTTP meaning (authentication, authorisation, identity provider down). */
interface StatusCarrying {
  status: number;
  code: string;
  message: string;
  wwwAuthenticate?: string;
}
function carriesStatus(error: unknown): error is StatusCarrying {
  const candidate = error as Partial<StatusCarrying> | null;
  return (
    typeof candidate === 'object' && candidate !== null && typeof candidate.status === 'number' &&
    ((candidate.status >= 400 && candidate.status < 500) || candidate.status === 503) && typeof candidate.code === 'string'
  );
}

/** body-parser's errors: malformed JSON, too large, unsupported encoding. */
interface BodyParserError {
  type: string;
  status: number;
  message: string;
}
function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as Partial<BodyParserError> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.type === 'string' && typeof candidate.status === 'number';
}

/** The one place where errors meet HTTP statuses (STYLE.md: map typed errors once). */
export function toProblem(error: unknown): Problem {
  if (error instanceof HttpProblem) return problem(error.status, error.code, error.title, error.message, error.extensions, error.headers);
  if (error instanceof CommandValidationError) {
    return problem(400, error.code, 'Invalid command', error.message, { command: error.commandType, errors: error.issues });
  }
  if (error instanceof UnknownCommandError) {
    return problem(400, error.code, 'Unknown command', error.message, {
      errors: [{ path: 'type', message: `must be one of ${error.knownTypes.join(', ')}` }],
    });
  }
  if (error instanceof InvalidEventStoreInputError) {
    return problem(400, error.code, 'Invalid input', error.message, { errors: [{ path: error.field, message: error.message }] });
  }
  if (error instanceof CaseNotFoundError) return problem(404, error.code, 'Case not found', error.message);
  if (error instanceof WrongExpectedRevisionError) {
    return problem(409, 'CONCURRENT_WRITE', 'The case changed meanwhile', 'Another change was written first; reload the case and try again', {
      currentRevision: error.actual === 'no_stream' ? null : error.actual,
    });
  }
  if (error instanceof EventIdConflictError) return problem(409, error.code, 'Conflicting retry', error.message);
  if (error instanceof DomainRuleError) {
    return problem(422, error.code, 'Refused by a rule', error.message, { rule: error.code, details: error.details });
  }
  if (error instanceof PolicyNotInForceError || error instanceof MissingBankHolidayYearError) {
    return problem(422, error.code, 'No policy in force', error.message);
  }
  if (error instanceof EventStoreUnavailableError) {
    return problem(503, error.code, 'Store unavailable', 'The event store is not answering; retry shortly', {}, { 'Retry-After': '2' });
  }
  if (isDatabaseUnavailable(error)) {
    return problem(503, 'DATABASE_UNAVAILABLE', 'Store unavailable', 'The database is not answering; retry shortly', {}, { 'Retry-After': '2' });
  }
  if (carriesStatus(error)) {
    const headers: Record<string, string> = {};
    if (error.wwwAuthenticate) headers['WWW-Authenticate'] = error.wwwAuthenticate;
    if (error.status === 503) headers['Retry-After'] = '5';
    return problem(error.status, error.code, titleFor(error.status), error.message, {}, headers);
  }
  if (isBodyParserError(error)) return bodyParserProblem(error);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest turns body-parser's SyntaxError and Express's URIError into a bare 400.
    if (status === 400 && /JSON/.test(error.message)) return bodyParserProblem({ type: 'entity.parse.failed', status, message: error.message });
    if (status === 400) return problem(400, 'MALFORMED_URL', 'Malformed URL', 'The URL could not be decoded');
    // Health checks answer 503 with what is down; keep that, it is the point of the answer.
    const response = error.getResponse();
    const checks = typeof response === 'object' && response !== null && 'details' in response ? { checks: response } : {};
    return problem(status, `HTTP_${status}`, titleFor(status), error.message, checks, status === 503 ? { 'Retry-After': '5' } : undefined);
  }
  return problem(500, 'INTERNAL_ERROR', 'Internal error', 'Something went wrong on our side; quote the requestId if you report it');
}

function bodyParserProblem(error: BodyParserError): Problem {
  switch (error.type) {
    case 'entity.too.large':
      return problem(413, 'BODY_TOO_LARGE', 'Body too large', 'The request body is over the limit');
    case 'entity.parse.failed':
      return problem(400, 'MALFORMED_JSON', 'Malformed JSON', 'The request body is not valid JSON', { errors: [{ path: 'body', message: 'not valid JSON' }] });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problem(415, 'UNSUPPORTED_ENCODING', 'Unsupported encoding', error.message);
    default:
      return problem(error.status >= 400 && error.status < 500 ? error.status : 400, 'BAD_REQUEST', 'Bad request', 'The request could not be read');
  }
}

function titleFor(status: number): string {
  const titles: Record<number, string> = { 503: 'Service unavailable', 400: 'Bad request', 401: 'Unauthorised', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed', 413: 'Body too large', 415: 'Unsupported media type', 429: 'Too many requests' };
  return titles[status] ?? 'Error';
}
