import { RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition, DomainEvent } from '@casetrail/workflow';

/** The case after one event, or why it could not be folded. */
export type StateAfterEvent<S> = { revision: number; state: S } | { revision: number; error: string };

/**
 * The case's state after each of its events (upcast, in stream order): what the system knew at
 * each step. One fold, not one per prefix; evolve never changes the state it is given, so each
 * step's state stays as it was. An event that cannot be folded (evolve refuses a stream that
 * was tampered with) ends the fold: an auditor sees where, not a made-up state.
 */
export function statesAfterEvents<S>(definition: CaseTypeDefinition<never, never, S>, events: readonly RecordedEvent[]): StateAfterEvent<S>[] {
  const { decider } = definition;
  const evolve = decider.evolve as (state: S, event: DomainEvent) => S;
  const states: StateAfterEvent<S>[] = [];
  let state = decider.initialState();
  let failure: string | undefined;
  for (const event of events) {
    if (failure === undefined) {
      try {
        state = evolve(state, { type: event.type, data: event.data, schemaVersion: event.schemaVersion });
      } catch (error) {
        failure = `revision ${event.revision} (${event.type}) could not be folded: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    states.push(failure === undefined ? { revision: event.revision, state } : { revision: event.revision, error: failure });
  }
  return states;
}
