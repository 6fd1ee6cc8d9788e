import { NotFoundException } from '@nestjs/common';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '@casetrail/event-store';
import { CommandValidationError, DomainRuleError } from '@casetrail/workflow';
import { toProblem } from './problem-mapping';

describe('errors become problem+json once, here', () => {
  it('a concurrent write is 409 with the current revision', () => {
    const problem = toProblem(new WrongExpectedRevisionError('asb-1', 3, 5));
    expect(problem.status).toBe(409);
    expect(problem.body).toMatchObject({ code: 'CONCURRENT_WRITE', currentRevision: 5, type: expect.stringContaining('concurrent-write') });
  });

  it('a rule refusal is 422 naming the rule', () => {
    const problem = toProblem(new DomainRuleError('CPN_REQUIRES_EXPIRED_CPW', 'No CPW has expired', { cpwIssuedOn: '2025-01-01' }));
    expect(problem).toMatchObject({ status: 422, body: { code: 'CPN_REQUIRES_EXPIRED_CPW', rule: 'CPN_REQUIRES_EXPIRED_CPW', details: { cpwIssuedOn: '2025-01-01' } } });
  });

  it('an invalid command is 400 listing each field', () => {
    const problem = toProblem(new CommandValidationError('IssueCpw', [{ path: 'data.requirements', message: 'Required' }]));
    expect(problem).toMatchObject({ status: 400, body: { errors: [{ path: 'data.requirements', message: 'Required' }] } });
  });

  it('an unavailable store is 503 with Retry-After', () => {
    const problem = toProblem(new EventStoreUnavailableError('connection refused to 10.0.0.1'));
    expect(problem).toMatchObject({ status: 503, headers: { 'Retry-After': expect.any(String) } });
    expect(JSON.stringify(problem.body)).not.toContain('10.0.0.1');
  });

  it('an unknown route is 404', () => {
    expect(toProblem(new NotFoundException('Cannot GET /nope')).status).toBe(404);
  });

  it('anything unexpected is a 500 that reveals no internals', () => {
    const problem = toProblem(new TypeError("Cannot read properties of undefined (reading 'secret') at /srv/app.ts:12"));
    expect(problem.status).toBe(500);
    expect(problem.body.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(problem.body)).not.toMatch(/secret|app\.ts|TypeError/);
  });
});
