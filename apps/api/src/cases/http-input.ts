import type { Request } from 'express';
import { z } from 'zod';
import { HttpProblem, invalidIfMatch, invalidQuery } from '../problems/http-errors';

export const CommandBody = z.strictObject({ type: z.string().min(1).max(100), data: z.unknown() });
export const OpenCaseBody = z.strictObject({ type: z.string().min(1).max(50), data: z.unknown() });

export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({ path: ['body', ...issue.path.map(String)].join('.'), message: issue.message }));
  throw new HttpProblem(400, 'BODY_INVALID', 'Invalid request body', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}

export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.infer<T> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  throw invalidQuery(parsed.error.issues.map((issue) => ({ path: ['query', ...issue.path.map(String)].join('.') || 'query', message: issue.message })));
}

/** `"3"` (or the weak `W/"3"`) -> 3; absent -> undefined. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(header.trim());
  if (!match) throw invalidIfMatch(header);
  return Number(match[1]);
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new HttpProblem(400, 'IDEMPOTENCY_KEY_INVALID', 'Invalid Idempotency-Key', 'Idempotency-Key must be 1 to 200 visible ASCII characters', {
      errors: [{ path: 'header.Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' }],
    });
  }
  return header;
}

export function requestIdOf(request: Request & { id?: unknown }): string {
  return String(request.id ?? '');
}

/** The route pattern, not the URL: case ids in a path are not for logs or the access log. */
export function endpointOf(request: Request): string {
  const route = (request as Request & { route?: { path?: string } }).route?.path ?? request.path;
  return `${request.method} ${request.baseUrl ?? ''}${route}`;
}
