import { EventIdConflictError, InvalidEventStoreInputError, RecordedEvent } from '@casetrail/event-store';
import {
  CaseNotFoundError,
  Deadlines,
  evolveDeadlines,
  CommandValidationError,
  DomainRuleError,
  handleCommand,
  parseCommand,
  UnknownCommandError,
} from '@casetrail/workflow';
import { CommandRuntime, definitionForCase, SCHEDULER_ACTOR } from './case-runtime';
import { expireCommandId } from './deadline-job';
import { DeadlineFiring, FiringOutcome, PermanentFiringError } from './deadline-scheduler.port';

/**
 * What a fired deadline does: send ExpireDeadline through the command path, as any command is
 * sent. The case decides; a duplicate, a late job or one for a deadline met since is a no-op.
 */
export class DeadlineExpiry {
  constructor(private readonly runtime: CommandRuntime) {}

  readonly fire = async (firing: DeadlineFiring): Promise<FiringOutcome> => {
    const now = this.runtime.now();
    // A timer that fires early (clock skew between machines) must not spend the job as a no-op.
    if (now.getTime() < Date.parse(firing.dueAt)) return 'early';
    const definition = definitionForCase(this.runtime.definitions, firing.caseId);
    if (!definition) throw new PermanentFiringError(`no case type hosts case ${firing.caseId}`);
    try {
      const events = await this.runtime.store.readStream(firing.caseId);
      const dueAt = this.dueAtAsRecorded(firing, events);
      const command = parseCommand(definition, { type: 'ExpireDeadline', data: { deadlineId: firing.deadlineId, dueAt } });
      await handleCommand(
        { store: this.runtime.store, definition, policy: this.runtime.policy, calendar: this.runtime.calendar },
        {
          caseId: firing.caseId,
          command,
          actor: SCHEDULER_ACTOR,
          commandId: expireCommandId(firing.jobId),
          correlationId: `deadline/${firing.deadlineId}`,
          causationId: `${firing.caseId}@${firing.revision}`,
          occurredAt: now.toISOString(),
          // Other writers may keep the case busy; every retry decides again on the newer state.
          maxRetries: 10,
          // Decided on the stream just read: the append is conditioned on its last revision.
          knownEvents: events,
        },
      );
      this.runtime.deadlineExpired?.(now.getTime() - Date.parse(firing.dueAt));
      return 'expired';
    } catch (error) {
      throw asPermanent(error);
    }
  };

  /**
   * The decider compares due times as text. A job armed from a read model that normalised the
   * instant (`+01:00` written as `Z`) would then never match, and the deadline would never be
   * missed: the same instant is sent as the case recorded it.
   */
  private dueAtAsRecorded(firing: DeadlineFiring, events: readonly RecordedEvent[]): string {
    const deadlines = events.reduce<Deadlines>((all, e) => evolveDeadlines(all, { type: e.type, data: e.data }), {});
    const recorded = deadlines[firing.deadlineId]?.dueAt;
    return recorded !== undefined && Date.parse(recorded) === Date.parse(firing.dueAt) ? recorded : firing.dueAt;
  }
}

/** Refusals and malformed input will fail the same way every time; store outages will not. */
function asPermanent(error: unknown): unknown {
  const permanent =
    error instanceof DomainRuleError ||
    error instanceof CaseNotFoundError ||
    error instanceof CommandValidationError ||
    error instanceof UnknownCommandError ||
    error instanceof InvalidEventStoreInputError ||
    error instanceof EventIdConflictError;
  if (!permanent) return error;
  return new PermanentFiringError(`${error.code}: ${error.message}`);
}
