import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Request } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { AccessLog } from '../cases/access-log.service';
import { CommandSource } from '../cases/case-commands.service';
import { ReadContext } from '../cases/case-queries.service';
import { CASE_RUNTIME, CaseRuntime } from '../cases/case-runtime';
import { CaseTypes } from '../cases/case-types';
import { endpointOf, requestIdOf } from '../cases/http-input';
import { Clock, CLOCK } from '../clock';
import type { Principal } from '../auth/principal';
import { EscalationQueue } from '../queues/escalation-queue.service';
import { ReadModels } from '../read-model/read-models.service';
import { PartnershipReports } from '../reports/partnership-report.service';
import { CaseCounts } from '../stats/case-counts.service';

const FORM_KEY = /^[0-9a-f-]{36}$/;

/**
 * The application services the API's controllers use, for the console's: the same command and
 * query buses and the same read services, so every rule and access check is the API's own.
 * Looked up in the cases module (which does not export them) rather than built a second time.
 */
@Injectable()
export class ConsoleServices {
  constructor(
    readonly commandBus: CommandBus,
    readonly queryBus: QueryBus,
    private readonly moduleRef: ModuleRef,
  ) {}

  private find<T>(token: (abstract new (...args: never[]) => T) | symbol): T {
    return this.moduleRef.get<T>(token as never, { strict: false });
  }

  get escalations(): EscalationQueue {
    return this.find(EscalationQueue);
  }
  get caseCounts(): CaseCounts {
    return this.find(CaseCounts);
  }
  get reports(): PartnershipReports {
    return this.find(PartnershipReports);
  }
  get accessLog(): AccessLog {
    return this.find(AccessLog);
  }
  get readModels(): ReadModels {
    return this.find(ReadModels);
  }
  get caseTypes(): CaseTypes {
    return this.find(CaseTypes);
  }
  get runtime(): CaseRuntime {
    return this.find<CaseRuntime>(CASE_RUNTIME);
  }
  now(): Date {
    return this.find<Clock>(CLOCK)();
  }

  readContext(req: Request, principal: Principal): ReadContext {
    return { principal, endpoint: endpointOf(req), requestId: requestIdOf(req), now: this.now().toISOString() };
  }

  /**
   * Who sends a command, and its id. The form's own key (drawn when the page was) and the command
   * together give the id, so a form sent twice (a double click, a retry after a lost answer) writes
   * once, as an Idempotency-Key does on the API.
   */
  commandSource(req: Request, principal: Principal, formKey: unknown, command: unknown): CommandSource {
    const key = typeof formKey === 'string' && FORM_KEY.test(formKey) ? formKey : randomUUID();
    const hash = createHash('sha256').update(`${principal.userId}\n${key}\n${JSON.stringify(command)}`).digest('hex');
    return {
      principal,
      commandId: `console-${hash.slice(0, 40)}`,
      correlationId: requestIdOf(req) || randomUUID(),
      occurredAt: this.now().toISOString(),
    };
  }
}
