import { Inject, Injectable } from '@nestjs/common';
import { AuditPack, buildAuditPack, describeHistory, diffStates, statesAfterEvents } from '@casetrail/audit';
import { EventStore } from '@casetrail/event-store';
import { CaseTypeDefinition } from '@casetrail/workflow';
import { authorise } from '../auth/access-policy';
import { AccessLog } from '../cases/access-log.service';
import { CaseQueries, ReadContext } from '../cases/case-queries.service';
import { HttpProblem, invalidQuery } from '../problems/http-errors';
import { RAW_EVENT_STORE } from '../privacy/privacy.tokens';
import { caseReads } from './case-reads';

/** Time travel between two revisions, and the audit pack. Both read through CaseQueries.visibleCase. */
@Injectable()
export class CaseAudit {
  constructor(
    // As stored (personal data encrypted): the hash chain is over the ciphertext (docs/privacy.md).
    @Inject(RAW_EVENT_STORE) private readonly store: EventStore,
    private readonly cases: CaseQueries,
    private readonly accessLog: AccessLog,
  ) {}

  /** What changed in the case's state from revision `from` to revision `to`, field by field. */
  async diff(context: ReadContext, caseId: string, from: number, to: number) {
    authorise(context.principal, 'case.history');
    const { definition, loaded } = await this.cases.visibleCase(context, caseId, {});
    const outOfRange = [['from', from] as const, ['to', to] as const].filter(([, revision]) => revision > loaded.revision);
    if (outOfRange.length > 0) {
      throw invalidQuery(outOfRange.map(([name]) => ({ path: `query.${name}`, message: `the case's last revision is ${loaded.revision}` })));
    }
    const states = statesAfterEvents(definition as CaseTypeDefinition<never, never, unknown>, loaded.events);
    const stateAt = (revision: number) => {
      const step = states[revision]!;
      if ('error' in step) throw new HttpProblem(422, 'CASE_NOT_FOLDABLE', 'History cannot be folded', step.error);
      return step.state;
    };
    const [low, high] = from <= to ? [from, to] : [to, from];
    return {
      caseId,
      type: definition.caseType,
      from,
      to,
      changes: diffStates(stateAt(from), stateAt(to)),
      // The events that made the difference (after the lower revision, up to the higher).
      events: describeHistory(definition.caseType, loaded.events.slice(low + 1, high + 1)).map(({ revision, type, description, actor, reason, occurredAt, recordedAt }) => ({
        revision,
        type,
        description,
        actor,
        reason,
        occurredAt,
        recordedAt,
      })),
    };
  }

  async pack(context: ReadContext, caseId: string): Promise<AuditPack> {
    authorise(context.principal, 'audit.pack');
    const { definition, loaded } = await this.cases.visibleCase(context, caseId, {});
    // As stored (not upcast), since the chain is over what was stored; no further than what was folded.
    const stored = await this.store.readStream(caseId, { maxCount: loaded.revision + 1 });
    return buildAuditPack({
      caseId,
      definition,
      stored,
      upcast: loaded.events,
      // Read after visibleCase logged this read, so the pack shows its own making.
      reads: await caseReads(this.accessLog, caseId),
      generatedAt: context.now,
      generatedBy: { id: context.principal.userId, role: context.principal.role, agency: context.principal.agency },
    });
  }
}
