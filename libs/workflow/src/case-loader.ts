import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition } from './case-type';
import { CaseNotFoundError } from './command-errors';
import { DomainCommand, DomainEvent } from './decider';
import { UpcasterRegistry } from './upcasters';

export interface LoadCaseOptions {
  /** Fold only up to and including this revision (0-based). */
  upToRevision?: number;
  /** Fold only the events the store had recorded by this instant: the case as the system knew it then. */
  asOf?: string;
}

export interface LoadedCase<S> {
  state: S;
  /** Revision of the last event folded. */
  revision: number;
  /** The events folded, each upcast to its current schema version. */
  events: RecordedEvent[];
}

const registries = new WeakMap<object, UpcasterRegistry>();

/** One registry per case type definition; building it checks that no step is registered twice. */
export function upcasterRegistryOf(definition: Pick<CaseTypeDefinition, 'upcasters'>): UpcasterRegistry {
  let registry = registries.get(definition);
  if (!registry) {
    registry = new UpcasterRegistry(definition.upcasters);
    registries.set(definition, registry);
  }
  return registry;
}

export function foldCase<C extends DomainCommand, E extends DomainEvent, S>(
  definition: CaseTypeDefinition<C, E, S>,
  events: RecordedEvent[],
): S {
  return evolveCase(definition, definition.decider.initialState(), events);
}

/** `from` with `events` (already upcast) folded in: what foldCase does from the initial state. */
export function evolveCase<C extends DomainCommand, E extends DomainEvent, S>(definition: CaseTypeDefinition<C, E, S>, from: S, events: RecordedEvent[]): S {
  const { decider } = definition;
  // Stored events of this stream were decided by this case type and are upcast to the current
  // version, so they are its events.
  const domainEvents = events.map((event) => ({ type: event.type, data: event.data, schemaVersion: event.schemaVersion }) as E);
  if (decider.evolveAll) return decider.evolveAll(from, domainEvents);
  return domainEvents.reduce((state, event) => decider.evolve(state, event), from);
}

/** A case's state and history, folded from its stream; for the API, the audit trail and time travel. */
export async function loadCase<C extends DomainCommand, E extends DomainEvent, S>(
  store: EventStore,
  definition: CaseTypeDefinition<C, E, S>,
  caseId: string,
  options: LoadCaseOptions = {},
): Promise<LoadedCase<S>> {
  const events = await readCaseEvents(store, definition, caseId, options);
  const last = events.at(-1);
  if (!last) throw new CaseNotFoundError(caseId);
  return { state: foldCase(definition, events), revision: last.revision, events };
}

async function readCaseEvents(
  store: EventStore,
  definition: Pick<CaseTypeDefinition, 'upcasters'>,
  caseId: string,
  { upToRevision, asOf }: LoadCaseOptions,
): Promise<RecordedEvent[]> {
  if (upToRevision !== undefined && (!Number.isSafeInteger(upToRevision) || upToRevision < 0)) {
    throw new RangeError(`upToRevision must be a revision >= 0, got ${upToRevision}`);
  }
  const asOfMs = asOf === undefined ? undefined : Date.parse(asOf);
  if (asOfMs !== undefined && Number.isNaN(asOfMs)) throw new RangeError(`asOf is not an ISO instant: ${asOf}`);
  const stored = await store.readStream(caseId, upToRevision === undefined ? {} : { maxCount: upToRevision + 1 });
  // A prefix, never a filter: the case as it was then is its history up to a point.
  const cutOff = asOfMs === undefined ? -1 : stored.findIndex((e) => Date.parse(e.metadata.recordedAt) > asOfMs);
  const known = cutOff === -1 ? stored : stored.slice(0, cutOff);
  const registry = upcasterRegistryOf(definition);
  return known.map((event) => registry.upcast(event));
}
