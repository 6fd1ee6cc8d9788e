import { EventStore, RecordedEvent, WrongExpectedRevisionError } from '@casetrail/event-store';
import { CaseTypeDefinition } from './case-type';
import { upcasterRegistryOf } from './case-loader';
import { CaseSnapshot, CaseStates, snapshotOf } from './case-states';
import { CaseNotFoundError } from './command-errors';
import { CommandProvenance, toNewEvents } from './command-envelope';
import { chainHeadOf } from './event-hash';
import { DomainCommand, DomainEvent, DomainRuleError, PolicyLookup, WorkingDayCalendar } from './decider';

export interface CommandHandlerDeps<C extends DomainCommand = DomainCommand, E extends DomainEvent = DomainEvent, S = unknown> {
  store: EventStore;
  definition: CaseTypeDefinition<C, E, S>;
  policy: PolicyLookup;
  calendar: WorkingDayCalendar;
  /**
   * The states of recently used cases, so a command reads only the events after the one kept
   * (case-states.ts). Without it every command reads and folds the whole stream.
   */
  states?: CaseStates;
}

export interface CommandRequest<C extends DomainCommand = DomainCommand> extends CommandProvenance {
  caseId: string;
  /** Already parsed (parseCommand). */
  command: C;
  /** The revision the caller saw (If-Match); absent = not conditioned. Ignored by the open command. */
  expectedRevision?: number;
  /** Attempts after a concurrent write, for unconditioned commands. Default 3. */
  maxRetries?: number;
  /**
   * The stream as the caller just read it, to save reading it again. Safe because the append is
   * conditioned on its last revision: if the stream moved on, the retry reads it afresh.
   */
  knownEvents?: RecordedEvent[];
  /** The case as the caller just read it from `states`; the same guarantee as `knownEvents`. */
  known?: CaseSnapshot;
}

export interface CommandOutcome {
  caseId: string;
  /** Revision of the case's last event after the command. */
  revision: number;
  /** Global position of the last event written, or the stream's current one for a no-op. */
  position: number;
  /** The events the command wrote, as stored; [] for a no-op. */
  events: RecordedEvent[];
  /** True when the command had been handled before: this is its first outcome, nothing was written. */
  duplicate: boolean;
}

/**
 * Read, fold, decide, append. A concurrent write makes the append fail; an unconditioned command
 * then decides again on the new state, a conditioned one is refused (the caller saw old state).
 * A command whose events are in the stream already is answered from them; a no-op leaves no
 * trace, so a retried no-op is decided again (harmless: it changed nothing the first time).
 */
export async function handleCommand<C extends DomainCommand, E extends DomainEvent, S>(
  deps: CommandHandlerDeps<C, E, S>,
  request: CommandRequest<C>,
): Promise<CommandOutcome> {
  const maxRetries = request.maxRetries ?? 3;
  const conditioned = request.expectedRevision !== undefined && request.command.type !== deps.definition.openCommand;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await decideAndAppend(deps, request, attempt === 0 ? request : {});
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || conditioned || attempt >= maxRetries) throw error;
    }
  }
}

async function decideAndAppend<C extends DomainCommand, E extends DomainEvent, S>(
  deps: CommandHandlerDeps<C, E, S>,
  request: CommandRequest<C>,
  known: Pick<CommandRequest<C>, 'knownEvents' | 'known'>,
): Promise<CommandOutcome> {
  const { store, definition, policy, calendar, states } = deps;
  const { caseId, command } = request;
  const current = await currentCase(deps, caseId, known);
  if (current?.commandIds.has(request.commandId)) {
    // A retry: answered from the events it wrote the first time, whatever happened since.
    const recorded = await store.readStream(caseId);
    return outcome(caseId, recorded.filter((event) => event.metadata.commandId === request.commandId), true);
  }

  const last = current?.last;
  const opening = command.type === definition.openCommand;
  if (opening && last) throw new DomainRuleError('CASE_ALREADY_EXISTS', `Case ${caseId} already exists`, { caseId });
  if (!opening && !last) throw new CaseNotFoundError(caseId);
  if (!opening && last && request.expectedRevision !== undefined && request.expectedRevision !== last.revision) {
    // Deciding on state the caller has not seen would act on the wrong facts.
    throw new WrongExpectedRevisionError(caseId, request.expectedRevision, last.revision);
  }

  const registry = upcasterRegistryOf(definition);
  const state = current ? (current.state as S) : definition.decider.initialState();
  const decided = definition.decider.decide(command, state, {
    caseId,
    now: request.occurredAt,
    actor: request.actor,
    policy,
    calendar,
  });
  if (decided.length === 0) {
    if (!last) throw new Error(`${definition.caseType}: ${command.type} opened nothing; an open command must decide events`);
    return { caseId, revision: last.revision, position: last.position, events: [], duplicate: false };
  }

  // Sealed against the last event read: if another write got in first, the append fails on the
  // revision and the retry reads, decides and seals again.
  const chain = { streamId: caseId, firstRevision: last ? last.revision + 1 : 0, previousHash: chainHeadOf(last) };
  const result = await store.append(caseId, toNewEvents(decided, registry, request, chain), last ? last.revision : 'no_stream');
  const written = await store.readStream(caseId, {
    fromRevision: result.nextExpectedRevision - decided.length + 1,
    maxCount: decided.length,
  });
  if (!result.duplicate) states?.wrote(store, definition, current as CaseSnapshot<S> | undefined, written);
  return outcome(caseId, written, result.duplicate);
}

/** The case to decide on: what the caller read, else from the kept states, else the whole stream. */
async function currentCase<C extends DomainCommand, E extends DomainEvent, S>(
  { store, definition, states }: CommandHandlerDeps<C, E, S>,
  caseId: string,
  known: Pick<CommandRequest<C>, 'knownEvents' | 'known'>,
): Promise<CaseSnapshot | undefined> {
  if (known.known) return known.known;
  if (!known.knownEvents && states) return states.current(store, definition, caseId);
  const recorded = known.knownEvents ?? (await store.readStream(caseId));
  return recorded.length === 0 ? undefined : snapshotOf(definition, caseId, recorded);
}

function outcome(caseId: string, events: RecordedEvent[], duplicate: boolean): CommandOutcome {
  const last = events[events.length - 1]!;
  return { caseId, revision: last.revision, position: last.position, events, duplicate };
}
