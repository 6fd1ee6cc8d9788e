import { CaseTypeDefinition, Deadlines, DomainEvent, evolveDeadlines } from '@casetrail/workflow';
import { CaseWaits, evolveCaseWaits, NOTHING_AWAITED } from '../escalation-queue/case-waits';
import { CaseFolder } from './case-folds';

/** The case's state, as its decider folds it. */
export interface WithState {
  state: unknown;
}

const foldState = (definition: CaseTypeDefinition, state: unknown, event: DomainEvent) => definition.decider.evolve(state, event);

export const caseStateFolder: CaseFolder<WithState> = {
  initial: (definition) => ({ state: definition.decider.initialState() }),
  evolve: (value, event, definition) => ({ state: foldState(definition, value.state, event) }),
};

/** State and deadlines (by id, as the deciders keep them). */
export const caseDeadlinesFolder: CaseFolder<WithState & { deadlines: Deadlines }> = {
  initial: (definition) => ({ state: definition.decider.initialState(), deadlines: {} }),
  evolve: (value, event, definition) => ({ state: foldState(definition, value.state, event), deadlines: evolveDeadlines(value.deadlines, event) }),
};

/** State and what the case waits for (escalation queue, caseload). */
export const caseWaitsFolder: CaseFolder<WithState & { waits: CaseWaits }> = {
  initial: (definition) => ({ state: definition.decider.initialState(), waits: NOTHING_AWAITED }),
  evolve: (value, event, definition) => ({ state: foldState(definition, value.state, event), waits: evolveCaseWaits(value.waits, event) }),
};
