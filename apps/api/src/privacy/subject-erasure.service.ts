import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore } from '@casetrail/event-store';
import { eraseSubject, ErasureOutcome, SubjectKeyStore, SubjectNotFoundError, SubjectRecord } from '@casetrail/privacy';
import { CaseNotFoundError, CaseTypeDefinition, loadCase } from '@casetrail/workflow';
import { authorise, canSeeCase } from '../auth/access-policy';
import { Principal } from '../auth/principal';
import { accessFacts } from '../cases/case-access';
import { caseNotFound } from '../problems/http-errors';
import { PRIVACY_CASE_TYPES, SUBJECT_KEYS } from './privacy.tokens';

export interface ErasureSource {
  principal: Principal;
  idempotencyKey?: string;
  requestId: string;
  now: string;
}

/** EraseSubject and the subjects of a case, for admins (docs/privacy.md). */
@Injectable()
export class SubjectErasures {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore,
    @Inject(PRIVACY_CASE_TYPES) private readonly definitions: readonly CaseTypeDefinition[],
  ) {}

  async erase(source: ErasureSource, subjectId: string, reason: string): Promise<ErasureOutcome> {
    authorise(source.principal, 'subject.erase');
    const subject = await this.keys.subject(subjectId);
    // A subject of a case the admin may not see (need-to-know) is answered as no subject at all.
    if (!subject || !(await this.maySee(source.principal, subject.caseId))) throw new SubjectNotFoundError(subjectId);
    const { principal } = source;
    // The same key from the same admin is the same command: a retry finds its first outcome.
    const commandId = source.idempotencyKey
      ? `erase-${createHash('sha256').update(`${principal.userId}\n${subjectId}\n${source.idempotencyKey}`).digest('hex').slice(0, 40)}`
      : randomUUID();
    return eraseSubject(this.store, this.keys, {
      subjectId,
      reason,
      actor: { id: principal.userId, role: principal.role, agency: principal.agency },
      commandId,
      correlationId: source.requestId || randomUUID(),
      occurredAt: source.now,
    });
  }

  /** 404 CASE_NOT_FOUND alike for a case that does not exist and one the admin may not see. */
  async subjectsOfCase(principal: Principal, caseId: string): Promise<SubjectRecord[]> {
    authorise(principal, 'subject.erase');
    if (!(await this.maySee(principal, caseId))) throw caseNotFound(caseId);
    return this.keys.subjectsOfCase(caseId);
  }

  private async maySee(principal: Principal, caseId: string): Promise<boolean> {
    const definition = [...this.definitions].sort((a, b) => b.caseType.length - a.caseType.length).find((d) => caseId.startsWith(`${d.caseType}-`));
    if (!definition) return false;
    try {
      const { state } = await loadCase(this.store, definition, caseId);
      return canSeeCase(principal, accessFacts(definition, definition.summarise(state)));
    } catch (error) {
      if (error instanceof CaseNotFoundError) return false;
      throw error;
    }
  }
}
