/** Refusals the HTTP layer itself raises; each becomes a problem+json response. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const preconditionRequired = (command: string) =>
  new HttpProblem(428, 'IF_MATCH_REQUIRED', 'If-Match required', `${command} acts on what you saw: send If-Match with the case's ETag`);

export const preconditionFailed = (expected: string, current: number) =>
  new HttpProblem(412, 'IF_MATCH_FAILED', 'The case has changed', `If-Match ${expected} does not match the current revision ${current}`, {
    currentRevision: current,
  });

export const caseNotFound = (caseId: string) =>
  new HttpProblem(404, 'CASE_NOT_FOUND', 'Case not found', `No case ${caseId} that you can see`);

export const forbiddenOnCase = (caseId: string) =>
  new HttpProblem(403, 'CASE_ACTION_FORBIDDEN', 'Not your case', `Your agency may not act on case ${caseId}`);

export const invalidIfMatch = (value: string) =>
  new HttpProblem(400, 'IF_MATCH_INVALID', 'Invalid If-Match', `If-Match must be a revision in quotes, e.g. "3"; got ${value.slice(0, 40)}`, {
    errors: [{ path: 'header.If-Match', message: 'must be a quoted revision such as "3"' }],
  });

export const idempotencyKeyReused = () =>
  new HttpProblem(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key reused', 'This Idempotency-Key was used with a different request body');

export const invalidQuery = (errors: { path: string; message: string }[]) =>
  new HttpProblem(400, 'QUERY_INVALID', 'Invalid query', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });

export const readNotCaughtUp = (position: number) =>
  new HttpProblem(503, 'READ_MODEL_BEHIND', 'Read model not caught up', `The read model has not reached position ${position} yet; retry shortly`, {}, { 'Retry-After': '1' });
