import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition } from './case-type';
import { evolveCase, upcasterRegistryOf } from './case-loader';
import { DomainCommand, DomainEvent } from './decider';

/** A case folded up to a revision: what a command decides on, and where its events go. */
export interface CaseSnapshot<S = unknown> {
  caseId: string;
  state: S;
  /** Revision of `last`. */
  revision: number;
  /** The stream's last event as stored: the chain continues from its hash, the append from its revision. */
  last: RecordedEvent;
  /** The command ids whose events are in the stream up to `revision` (a retry answers from them). */
  commandIds: ReadonlySet<string>;
}

export interface CaseStatesOptions {
  /** Cases kept; the least recently used are dropped past it. Default 1,000. */
  capacity?: number;
  /**
   * How long a state folded from a whole read may be advanced before the stream is read whole
   * again. The state holds decrypted personal data: this bounds how long it outlives a subject's
   * key destroyed by another process (docs/privacy.md). Default 15 s.
   */
  lifetimeMs?: number;
  now?: () => number;
}

interface Kept {
  snapshot: CaseSnapshot;
  store: EventStore;
  definition: object;
  /** When the whole stream was last read: the snapshot is not advanced past `until`. */
  until: number;
  epoch: number;
}

/**
 * The command path's memory of the cases it recently read or wrote, so a command reads only the
 * events after the state it keeps, not the whole stream again (decrypting and folding it).
 *
 * Correct when other processes write: every use reads the events after the kept revision, checks
 * that the first of them is sealed after the kept event (its revision and `previousHash`), and
 * folds them; anything else reads the stream whole. The append stays conditioned on the revision decided on, so a write
 * that lands between the read and the append still fails and is decided again. States are
 * immutable values (deciders' evolve and evolveAll never change their input), shared by callers.
 */
export class CaseStates {
  private readonly kept = new Map<string, Kept>();
  private readonly capacity: number;
  private readonly lifetimeMs: number;
  private readonly now: () => number;
  /** Moves on `clear`: a read that began before it must not put its state back. */
  private epoch = 0;

  constructor(options: CaseStatesOptions = {}) {
    this.capacity = options.capacity ?? 1_000;
    this.lifetimeMs = options.lifetimeMs ?? 15_000;
    this.now = options.now ?? Date.now;
  }

  /** The case as the store holds it now; undefined when it has no events. */
  async current<C extends DomainCommand, E extends DomainEvent, S>(
    store: EventStore,
    definition: CaseTypeDefinition<C, E, S>,
    caseId: string,
  ): Promise<CaseSnapshot<S> | undefined> {
    const epoch = this.epoch;
    const kept = this.usable(store, definition, caseId);
    if (kept) {
      const after = await store.readStream(caseId, { fromRevision: kept.snapshot.revision + 1 });
      if (after.length === 0) return kept.snapshot as CaseSnapshot<S>;
      if (follows(after[0]!, kept.snapshot.last)) {
        const snapshot = advance(definition, kept.snapshot as CaseSnapshot<S>, after);
        this.keep(store, definition, snapshot, kept.until, epoch);
        return snapshot;
      }
      // Not the stream this state was folded from: forget it and read the stream whole.
      this.kept.delete(caseId);
    }
    const until = this.now() + this.lifetimeMs;
    const events = await store.readStream(caseId);
    if (events.length === 0) return undefined;
    const snapshot = snapshotOf(definition, caseId, events);
    this.keep(store, definition, snapshot, until, epoch);
    return snapshot;
  }

  /**
   * The snapshot after a command's own events (as the store returned them), kept for the next
   * command. `before` undefined: the events open the stream. Events that do not follow `before`
   * directly leave nothing kept.
   */
  wrote<C extends DomainCommand, E extends DomainEvent, S>(
    store: EventStore,
    definition: CaseTypeDefinition<C, E, S>,
    before: CaseSnapshot<S> | undefined,
    written: RecordedEvent[],
  ): void {
    const first = written[0];
    if (!first) return;
    if (before ? !follows(first, before.last) : first.revision !== 0) {
      this.kept.delete(first.streamId);
      return;
    }
    if (!before) {
      this.keep(store, definition, snapshotOf(definition, first.streamId, written), this.now() + this.lifetimeMs, this.epoch);
      return;
    }
    const kept = this.kept.get(before.caseId);
    // Only a state this cache still vouches for is advanced; it keeps the lifetime of its read.
    if (!kept || kept.snapshot !== before || kept.store !== store) return;
    this.keep(store, definition, advance(definition, before, written), kept.until, kept.epoch);
  }

  /** Forgets every state, e.g. once a subject's key is destroyed: its plain values must not be decided on. */
  clear(): void {
    this.epoch += 1;
    this.kept.clear();
  }

  get size(): number {
    return this.kept.size;
  }

  private usable(store: EventStore, definition: object, caseId: string): Kept | undefined {
    const kept = this.kept.get(caseId);
    if (!kept) return undefined;
    if (kept.store !== store || kept.definition !== definition || kept.epoch !== this.epoch || kept.until <= this.now()) {
      this.kept.delete(caseId);
      return undefined;
    }
    return kept;
  }

  private keep(store: EventStore, definition: object, snapshot: CaseSnapshot, until: number, epoch: number): void {
    if (epoch !== this.epoch || until <= this.now()) return;
    const existing = this.kept.get(snapshot.caseId);
    // Two commands on one case may finish out of order: keep the further state.
    if (existing && existing.store === store && existing.epoch === epoch && existing.snapshot.revision > snapshot.revision) return;
    this.kept.delete(snapshot.caseId);
    this.kept.set(snapshot.caseId, { snapshot, store, definition, until, epoch });
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
  }
}

/**
 * The first event read after the kept one links to it: the next revision, and sealed after the
 * kept event's hash (ADR 0007). An event written before the chain existed has no hash to check.
 */
function follows(next: RecordedEvent, kept: RecordedEvent): boolean {
  if (next.revision !== kept.revision + 1) return false;
  const keptHash = kept.metadata.hash;
  return typeof keptHash !== 'string' || next.metadata.previousHash === keptHash;
}

/** A case's whole stream (as stored) folded into a snapshot: the same state as loadCase. */
export function snapshotOf<C extends DomainCommand, E extends DomainEvent, S>(definition: CaseTypeDefinition<C, E, S>, caseId: string, events: RecordedEvent[]): CaseSnapshot<S> {
  const { decider } = definition;
  return advance(definition, { caseId, state: decider.initialState(), revision: -1, last: undefined as unknown as RecordedEvent, commandIds: new Set() }, events);
}

function advance<C extends DomainCommand, E extends DomainEvent, S>(definition: CaseTypeDefinition<C, E, S>, from: CaseSnapshot<S>, events: RecordedEvent[]): CaseSnapshot<S> {
  const registry = upcasterRegistryOf(definition);
  const state = evolveCase(definition, from.state, events.map((event) => registry.upcast(event)));
  const commandIds = new Set(from.commandIds);
  for (const event of events) if (typeof event.metadata.commandId === 'string') commandIds.add(event.metadata.commandId);
  const last = events.at(-1)!;
  return { caseId: from.caseId, state, revision: last.revision, last, commandIds };
}
