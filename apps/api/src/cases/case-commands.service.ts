import { Inject, Injectable, Optional } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@casetrail/event-store';
import { CaseSnapshot, CaseStates, CaseTypeDefinition, CommandOutcome, handleCommand, nameBasedUuid, parseCommand } from '@casetrail/workflow';
import { authorise, canActOnCase, canSeeCase } from '../auth/access-policy';
import { Principal } from '../auth/principal';
import { caseNotFound, forbiddenOnCase, HttpProblem, preconditionFailed, preconditionRequired } from '../problems/http-errors';
import { accessFacts } from './case-access';
import { CASE_RUNTIME, CaseRuntime } from './case-runtime';
import { CaseTypes } from './case-types';
import { IntakeRepeatMatch, RepeatMatches } from './repeat-matches.service';
import { CASE_STATES } from '../privacy/privacy.tokens';

/** Where a command came from: the person, the request, and when. */
export interface CommandSource {
  principal: Principal;
  commandId: string;
  correlationId: string;
  occurredAt: string;
}

export type OpenCaseOutcome = CommandOutcome & { caseType: string; repeatMatches?: IntakeRepeatMatch[] };

const CASE_ID_NAMESPACE = 'a1f6b1d2-3c4e-4f5a-9b8c-7d6e5f4a3b2c';

export class UnknownCaseTypeError extends HttpProblem {
  constructor(caseType: unknown, known: string[]) {
    super(400, 'UNKNOWN_CASE_TYPE', 'Unknown case type', `No case type ${String(caseType).slice(0, 50)}; known: ${known.join(', ')}`, {
      errors: [{ path: 'type', message: `must be one of ${known.join(', ')}` }],
    });
  }
}

/** Opens cases and sends them commands, after checking who may. The write side of the API. */
@Injectable()
export class CaseCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CASE_RUNTIME) private readonly runtime: CaseRuntime,
    private readonly caseTypes: CaseTypes,
    private readonly repeatMatches: RepeatMatches,
    // Kept case states: a command reads only the events after the state kept (case-states.ts).
    @Optional() @Inject(CASE_STATES) private readonly states: CaseStates = new CaseStates(),
  ) {}

  async open(source: CommandSource, caseType: unknown, data: unknown): Promise<OpenCaseOutcome> {
    authorise(source.principal, 'case.open');
    const definition = typeof caseType === 'string' ? this.caseTypes.named(caseType) : undefined;
    if (!definition) throw new UnknownCaseTypeError(caseType, this.caseTypes.all().map((d) => d.caseType));
    const parsed = parseCommand(definition, { type: definition.openCommand, data });
    // Derived from the command id, so a retried open (same Idempotency-Key) finds the same case.
    const caseId = `${definition.caseType}-${nameBasedUuid(CASE_ID_NAMESPACE, source.commandId)}`;
    // Repeat detection at intake: earlier cases with the same victim, address or perpetrator.
    const intake = await this.repeatMatches.forIntake(source.principal, definition.caseType, caseId, parsed.data);
    const command = parseCommand(definition, { type: definition.openCommand, data: intake.data });
    const outcome = await this.handle(definition, source, caseId, command);
    return { ...outcome, caseType: definition.caseType, ...(intake.matches.length > 0 ? { repeatMatches: intake.matches } : {}) };
  }

  async send(source: CommandSource, caseId: string, raw: { type: unknown; data: unknown }, ifMatch: number | undefined): Promise<CommandOutcome> {
    authorise(source.principal, 'case.command');
    const definition = this.caseTypes.forCase(caseId);
    if (!definition) throw caseNotFound(caseId);
    const current = await this.states.current(this.store, definition, caseId);
    if (!current) throw caseNotFound(caseId);
    const facts = accessFacts(definition, definition.summarise(current.state));
    if (!canSeeCase(source.principal, facts)) throw caseNotFound(caseId);
    if (!canActOnCase(source.principal, facts)) throw forbiddenOnCase(caseId);
    const command = parseCommand(definition, raw);
    if (command.type === definition.openCommand) {
      throw new HttpProblem(400, 'CASE_ALREADY_OPEN', 'Case already open', `${command.type} opens a case: POST /api/cases instead`);
    }
    // A retry of a command already applied returns its first outcome, whatever has happened since.
    const retried = current.commandIds.has(source.commandId);
    if (retried) return this.handle(definition, source, caseId, command);
    const conditional = (definition.conditionalCommands as string[]).includes(command.type);
    if (conditional && ifMatch === undefined) throw preconditionRequired(command.type);
    if (ifMatch !== undefined && ifMatch !== current.revision) throw preconditionFailed(`"${ifMatch}"`, current.revision);
    return this.handle(definition, source, caseId, command, ifMatch, current);
  }

  private handle(
    definition: CaseTypeDefinition,
    source: CommandSource,
    caseId: string,
    command: { type: string; data: unknown },
    expectedRevision?: number,
    known?: CaseSnapshot,
  ) {
    return handleCommand(
      { store: this.store, definition, policy: this.runtime.policy, calendar: this.runtime.calendar, states: this.states },
      {
        caseId,
        command,
        actor: { id: source.principal.userId, role: source.principal.role, agency: source.principal.agency },
        commandId: source.commandId,
        correlationId: source.correlationId,
        occurredAt: source.occurredAt,
        ...(expectedRevision !== undefined ? { expectedRevision } : {}),
        ...(known ? { known } : {}),
      },
    );
  }
}
