import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { describeHistory, mergeTimeline } from '@casetrail/audit';
import { EVENT_STORE, EventStore } from '@casetrail/event-store';
import { SubjectKeyStore } from '@casetrail/privacy';
import { CaseNotFoundError, CaseTypeDefinition, Deadlines, evolveDeadlines, loadCase, LoadCaseOptions, openDeadlines } from '@casetrail/workflow';
import { authorise, canActOnCase, canSeeCase, isAllowed, ROLE_ACTIONS } from '../auth/access-policy';
import { caseReads } from '../audit/case-reads';
import { Principal } from '../auth/principal';
import { caseNotFound } from '../problems/http-errors';
import { caseErasures } from '../privacy/case-erasures';
import { SUBJECT_KEYS } from '../privacy/privacy.tokens';
import { AccessLog } from './access-log.service';
import { accessFacts } from './case-access';
import { CaseTypes } from './case-types';

export interface ReadContext {
  principal: Principal;
  endpoint: string;
  requestId: string;
  now: string;
}

/** The read side of one case, straight from its stream (the source of truth). */
@Injectable()
export class CaseQueries {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly caseTypes: CaseTypes,
    private readonly accessLog: AccessLog,
    @Inject(SUBJECT_KEYS) private readonly subjectKeys: SubjectKeyStore,
  ) {}

  async getCase(context: ReadContext, caseId: string, options: LoadCaseOptions) {
    authorise(context.principal, 'case.read');
    const { definition, loaded, facts } = await this.visibleCase(context, caseId, options);
    const summary = definition.summarise(loaded.state);
    const deadlines = loaded.events.reduce<Deadlines>((all, e) => evolveDeadlines(all, e), {});
    const mayAct = ROLE_ACTIONS[context.principal.role].includes('case.command') && canActOnCase(context.principal, facts);
    const latest = options.asOf === undefined && options.upToRevision === undefined;
    const allowed = mayAct && latest ? definition.allowedCommands(loaded.state) : [];
    return {
      caseId,
      type: definition.caseType,
      revision: loaded.revision,
      stage: summary.stage,
      summary: { ...summary, restricted: facts.restricted },
      state: loaded.state,
      openDeadlines: openDeadlines(deadlines).map((d) => ({ ...d, overdue: d.dueAt < context.now })),
      allowedCommands: allowed.map((type) => ({
        type,
        requiresIfMatch: (definition.conditionalCommands as string[]).includes(type),
        schema: z.toJSONSchema(definition.commands[type as keyof typeof definition.commands], { unrepresentable: 'any' }),
      })),
      ...(latest ? {} : { asOf: options.asOf ?? null, atRevision: loaded.revision }),
    };
  }

  async history(context: ReadContext, caseId: string) {
    authorise(context.principal, 'case.history');
    const { definition, loaded } = await this.visibleCase(context, caseId, {});
    const events = describeHistory(definition.caseType, loaded.events);
    // Who read the case is for auditors (holders of the access log); only restricted cases' reads are logged.
    const reads = isAllowed(context.principal.role, 'audit.access-log') ? await caseReads(this.accessLog, caseId) : [];
    const erasures = await caseErasures(this.store, this.subjectKeys, caseId);
    return { caseId, type: definition.caseType, revision: loaded.revision, events, timeline: mergeTimeline(events, reads, erasures) };
  }

  /** The case if the caller may see it (404 otherwise, as if it did not exist); a restricted case's read is logged. */
  async visibleCase(context: ReadContext, caseId: string, options: LoadCaseOptions) {
    const definition = this.caseTypes.forCase(caseId);
    if (!definition) throw caseNotFound(caseId);
    const loaded = await this.load(definition, caseId, options);
    // Visibility is decided on the case as it is now, not as it was at `asOf`.
    const current = options.asOf === undefined && options.upToRevision === undefined ? loaded : await this.load(definition, caseId, {});
    const facts = accessFacts(definition, definition.summarise(current.state));
    if (!canSeeCase(context.principal, facts)) throw caseNotFound(caseId);
    if (facts.restricted) {
      await this.accessLog.record(context.principal, [{ caseId, caseType: definition.caseType }], context.endpoint, context.requestId, context.now);
    }
    return { definition, loaded, facts };
  }

  private load(definition: CaseTypeDefinition, caseId: string, options: LoadCaseOptions) {
    return loadCase(this.store, definition, caseId, options).catch((error: unknown) => {
      throw error instanceof CaseNotFoundError ? caseNotFound(caseId) : error;
    });
  }
}
