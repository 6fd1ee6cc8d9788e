import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { authorise } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/auth.guard';
import { Principal } from '../auth/principal';
import { Clock, CLOCK } from '../clock';
import { parseBody, parseIdempotencyKey, requestIdOf } from '../cases/http-input';
import { HttpProblem } from '../problems/http-errors';
import { SubjectErasures } from './subject-erasure.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CASE_ID = /^[a-z][a-z-]*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Why the subject is erased: kept in SubjectErased, so a reference, never the person's details. */
const EraseSubjectBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

const invalidParam = (name: string, message: string) =>
  new HttpProblem(400, 'PATH_INVALID', 'Invalid path parameter', `${name} ${message}`, { errors: [{ path: `path.${name}`, message }] });

@Controller('api/admin')
export class SubjectErasureController {
  constructor(
    private readonly erasures: SubjectErasures,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** EraseSubject: records SubjectErased, then destroys the subject's key (admins only). */
  @Post('subjects/:subjectId/erasure')
  @HttpCode(200)
  async erase(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('subjectId') subjectId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    authorise(principal, 'subject.erase');
    if (!UUID.test(subjectId)) throw invalidParam('subjectId', 'must be a subject id (a lower-case UUID)');
    const { reason } = parseBody(EraseSubjectBody, body);
    const idempotencyKey = parseIdempotencyKey(key);
    const outcome = await this.erasures.erase(
      { principal, requestId: requestIdOf(req), now: this.clock().toISOString(), ...(idempotencyKey ? { idempotencyKey } : {}) },
      subjectId,
      reason,
    );
    if (outcome.duplicate) res.setHeader('Idempotent-Replayed', 'true');
    return { ...outcome.erasure, stream: outcome.streamId, revision: outcome.revision, position: outcome.position };
  }

  /** The data subjects of a case: what an admin chooses from. No personal data, only slots. */
  @Get('cases/:caseId/subjects')
  async subjects(@Param('caseId') caseId: string, @CurrentPrincipal() principal: Principal) {
    authorise(principal, 'subject.erase');
    if (!CASE_ID.test(caseId)) throw invalidParam('caseId', 'must be a case id: <case type>-<uuid>');
    const subjects = await this.erasures.subjectsOfCase(principal, caseId);
    return {
      caseId,
      subjects: subjects.map((s) => ({ subjectId: s.subjectId, slot: s.slot, createdAt: s.createdAt, erasedAt: s.destroyedAt ?? null })),
    };
  }
}
