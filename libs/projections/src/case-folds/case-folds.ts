import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition, DomainEvent, upcasterRegistryOf } from '@casetrail/workflow';
import { EventFailed } from '../projection';

/** What a projection folds from a case's stream, and how. `evolve` must return a new value, never change the one given. */
export interface CaseFolder<T> {
  initial(definition: CaseTypeDefinition): T;
  evolve(value: T, event: DomainEvent, definition: CaseTypeDefinition): T;
}

/** A case as of its last event in a batch. */
export interface FoldedCase<T> {
  caseId: string;
  definition: CaseTypeDefinition;
  value: T;
  /** The case's last event in the batch: the fold includes it and everything before it. */
  last: RecordedEvent;
}

/**
 * How many cases' folds a projection keeps between batches. A case whose fold was dropped is
 * read again from its stream at its next event, so this bounds memory, not correctness.
 */
export const DEFAULT_CASE_FOLD_CAPACITY = 20_000;

/** How many streams are read at once to seed folds (PostgreSQL round trips overlap). */
const SEED_READS_AT_ONCE = 16;

type Start<T> = { revision: number; value: T } | { seed: Promise<RecordedEvent[]> };

/**
 * Folds each case of a batch once, instead of reading and folding its stream for every event.
 * Folds are kept per case (least recently used dropped first) and carried on from one batch to
 * the next, so in a rebuild a case's stream is usually never read at all. A fold is a function
 * of the stream alone, labelled with the revision it reached: a batch that is rolled back or
 * replayed from an older checkpoint finds a fold that is too new, and reads the stream again.
 */
export class CaseFolds<T> {
  private readonly kept = new Map<string, { revision: number; value: T }>();

  constructor(
    private readonly store: EventStore,
    private readonly definitionFor: (streamId: string) => CaseTypeDefinition | undefined,
    private readonly folder: CaseFolder<T>,
    private readonly capacity = DEFAULT_CASE_FOLD_CAPACITY,
  ) {}

  /** Every case with events in `events` (other streams are left out), folded up to its last one there. */
  async foldBatch(events: readonly RecordedEvent[]): Promise<FoldedCase<T>[]> {
    const byCase = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      if (!this.definitionFor(event.streamId)) continue;
      const list = byCase.get(event.streamId);
      if (list) list.push(event);
      else byCase.set(event.streamId, [event]);
    }
    const starts = await this.startsOf(byCase);
    const folded: FoldedCase<T>[] = [];
    for (const [caseId, caseEvents] of byCase) {
      const definition = this.definitionFor(caseId)!;
      const start = starts.get(caseId)!;
      const last = caseEvents.at(-1)!;
      let value: T;
      if ('seed' in start) {
        const prior = await start.seed;
        value = this.fold(this.folder.initial(definition), [...prior, ...caseEvents], definition, caseEvents[0]!);
      } else {
        value = this.fold(start.value, caseEvents.filter((e) => e.revision > start.revision), definition, caseEvents[0]!);
      }
      this.keep(caseId, last.revision, value);
      folded.push({ caseId, definition, value, last });
    }
    return folded;
  }

  /** Where each case's fold starts: a kept fold just before (or within) its events, else its stream read up to them. */
  private async startsOf(byCase: Map<string, RecordedEvent[]>): Promise<Map<string, Start<T>>> {
    const starts = new Map<string, Start<T>>();
    const toRead: [string, number][] = [];
    for (const [caseId, caseEvents] of byCase) {
      const first = caseEvents[0]!.revision;
      const kept = this.kept.get(caseId);
      if (kept && kept.revision >= first - 1 && kept.revision <= caseEvents.at(-1)!.revision) starts.set(caseId, kept);
      else if (first === 0) starts.set(caseId, { seed: Promise.resolve([]) });
      else toRead.push([caseId, first]);
    }
    for (let i = 0; i < toRead.length; i += SEED_READS_AT_ONCE) {
      const reads = toRead.slice(i, i + SEED_READS_AT_ONCE).map(([caseId, first]) => [caseId, this.readBefore(caseId, first, byCase.get(caseId)![0]!)] as const);
      await Promise.allSettled(reads.map(([, read]) => read));
      reads.forEach(([caseId, seed]) => starts.set(caseId, { seed }));
    }
    return starts;
  }

  private async readBefore(caseId: string, revision: number, firstInBatch: RecordedEvent): Promise<RecordedEvent[]> {
    const prior = await this.store.readStream(caseId, { maxCount: revision });
    if (prior.length !== revision) {
      throw new EventFailed(firstInBatch, new Error(`${caseId} has ${prior.length} events before revision ${revision}`));
    }
    return prior;
  }

  private fold(value: T, events: readonly RecordedEvent[], definition: CaseTypeDefinition, blame: RecordedEvent): T {
    const upcasters = upcasterRegistryOf(definition);
    let folded = value;
    for (const stored of events) {
      try {
        const event = upcasters.upcast(stored);
        folded = this.folder.evolve(folded, { type: event.type, data: event.data, schemaVersion: event.schemaVersion } as DomainEvent, definition);
      } catch (error) {
        // An event already folded in an earlier batch is blamed on this case's first event here.
        throw new EventFailed(stored.revision >= blame.revision ? stored : blame, error);
      }
    }
    return folded;
  }

  private keep(caseId: string, revision: number, value: T): void {
    this.kept.delete(caseId); // re-inserted last: Map order is the recency order
    this.kept.set(caseId, { revision, value });
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
  }
}
