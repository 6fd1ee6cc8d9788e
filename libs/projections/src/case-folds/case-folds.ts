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
  /**
   * The fold as of the event just before the case's first one in the batch, when it was kept
   * from there; else undefined. Every batch starts right after the last committed one, so the
   * tables hold this fold's rows: a projection whose rows come out the same from `value` need
   * not write them again.
   */
  previous?: T;
}

/**
 * How many cases' folds a projection keeps between batches. A case whose fold was dropped is
 * read again from its stream at its next event, so this bounds memory, not correctness.
 */
export const DEFAULT_CASE_FOLD_CAPACITY = 20_000;

/** How many streams are read at once to seed folds (PostgreSQL round trips overlap). */
const SEED_READS_AT_ONCE = 16;

type Kept<T> = { revision: number; value: T };

/**
 * Folds each case of a batch once, instead of reading and folding its stream for every event.
 * Folds are kept per case (least recently used dropped first) and carried on from one batch to
 * the next, so in a rebuild a case's stream is usually never read at all. A fold is a function
 * of the stream alone, labelled with the revision it reached: a batch that is rolled back or
 * replayed from an older checkpoint finds a fold that is too new, and reads the stream again.
 */
export class CaseFolds<T> {
  private readonly kept = new Map<string, Kept<T>>();

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
    const starts = this.startsOf(byCase);
    const seeds = this.seedReads(byCase, starts);
    const folded: FoldedCase<T>[] = [];
    for (const [caseId, caseEvents] of byCase) {
      const definition = this.definitionFor(caseId)!;
      const start = starts.get(caseId);
      const last = caseEvents.at(-1)!;
      let value: T;
      let previous: T | undefined;
      if (start === undefined) {
        const prior = caseEvents[0]!.revision === 0 ? [] : await seeds.next(caseId);
        value = this.fold(this.folder.initial(definition), [...prior, ...caseEvents], definition, caseEvents[0]!);
      } else {
        if (start.revision === caseEvents[0]!.revision - 1) previous = start.value;
        value = this.fold(start.value, caseEvents.filter((e) => e.revision > start.revision), definition, caseEvents[0]!);
      }
      this.keep(caseId, last.revision, value);
      folded.push(previous === undefined ? { caseId, definition, value, last } : { caseId, definition, value, last, previous });
    }
    return folded;
  }

  /** How many folds are kept now (never more than the capacity). */
  get size(): number {
    return this.kept.size;
  }

  /**
   * Each case's kept fold when it ends just before (or within) its events, taken before any is
   * replaced by this batch's; the other cases start from their stream.
   */
  private startsOf(byCase: Map<string, RecordedEvent[]>): Map<string, Kept<T>> {
    const starts = new Map<string, Kept<T>>();
    for (const [caseId, caseEvents] of byCase) {
      const kept = this.kept.get(caseId);
      if (kept && kept.revision >= caseEvents[0]!.revision - 1 && kept.revision <= caseEvents.at(-1)!.revision) starts.set(caseId, kept);
    }
    return starts;
  }

  /**
   * The streams of the cases without a kept fold (those that do not open in the batch), read up
   * to the batch in the order they are folded, at most SEED_READS_AT_ONCE ahead: only those are
   * held at once, however many cases a batch must read (every one of them when the cases in play
   * far outnumber the capacity).
   */
  private seedReads(byCase: Map<string, RecordedEvent[]>, starts: Map<string, Kept<T>>) {
    const toRead = [...byCase].filter(([caseId, caseEvents]) => !starts.has(caseId) && caseEvents[0]!.revision > 0);
    const reading = new Map<string, Promise<RecordedEvent[]>>();
    let issued = 0;
    const readAhead = () => {
      for (; issued < toRead.length && reading.size < SEED_READS_AT_ONCE; issued += 1) {
        const [caseId, caseEvents] = toRead[issued]!;
        const read = this.readBefore(caseId, caseEvents[0]!.revision, caseEvents[0]!);
        // A read still under way when the batch fails on an earlier case must not go unhandled.
        read.catch(() => undefined);
        reading.set(caseId, read);
      }
    };
    return {
      next: (caseId: string): Promise<RecordedEvent[]> => {
        readAhead();
        const read = reading.get(caseId)!;
        reading.delete(caseId);
        return read;
      },
    };
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
