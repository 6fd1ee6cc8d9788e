import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition } from '@casetrail/workflow';
import { CaseFolder, CaseFolds } from './case-folds';

/** Folds started from the initial value (so far, across the file's tests). */
let foldsStarted = 0;
/** A fold that lists the event types it saw, so a wrong start shows in the value. */
const typesFolder: CaseFolder<readonly string[]> = {
  initial: () => {
    foldsStarted += 1;
    return [];
  },
  evolve: (value, event) => [...value, event.type],
};
const toyCase = { caseType: 'toy', upcasters: [] } as unknown as CaseTypeDefinition;

/** Streams of `case-<n>`, each event typed `e<revision>`, positions in the order they are made. */
function history() {
  const streams = new Map<string, RecordedEvent[]>();
  let position = 0;
  const append = (caseId: string): RecordedEvent => {
    const stream = streams.get(caseId) ?? [];
    const revision = stream.length;
    const event = { eventId: `${caseId}/${revision}`, streamId: caseId, type: `e${revision}`, schemaVersion: 1, data: {}, metadata: {}, revision, position: ++position };
    stream.push(event as unknown as RecordedEvent);
    streams.set(caseId, stream);
    return event as unknown as RecordedEvent;
  };
  let inFlight = 0;
  // mostHeld: streams read and not yet folded, at most, while reading.
  const reads = { count: 0, mostAtOnce: 0, mostHeld: 0 };
  const started = foldsStarted;
  const store = {
    readStream: async (caseId: string, options: { maxCount: number }) => {
      reads.count += 1;
      reads.mostAtOnce = Math.max(reads.mostAtOnce, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      reads.mostHeld = Math.max(reads.mostHeld, reads.count - inFlight - (foldsStarted - started));
      return (streams.get(caseId) ?? []).slice(0, options.maxCount);
    },
  } as unknown as EventStore;
  return { append, store, reads };
}

const types = (n: number) => Array.from({ length: n }, (_, i) => `e${i}`);

describe('CaseFolds', () => {
  it('never keeps more folds than its capacity, and folds an evicted case again from its stream', async () => {
    const { append, store, reads } = history();
    const folds = new CaseFolds(store, () => toyCase, typesFolder, 3);
    const cases = Array.from({ length: 10 }, (_, i) => `case-${i}`);
    await folds.foldBatch(cases.map(append));
    expect(folds.size).toBe(3);
    const again = await folds.foldBatch(cases.map(append));
    expect(folds.size).toBe(3);
    expect(again.map((f) => f.value)).toEqual(cases.map(() => types(2)));
    // The last three were kept; the seven dropped ones were read back from their streams.
    expect(reads.count).toBe(7);
  });

  it('gives the fold from just before the batch as `previous` only when it was kept from there', async () => {
    const { append, store } = history();
    const folds = new CaseFolds(store, () => toyCase, typesFolder, 10);
    await folds.foldBatch([append('case-a'), append('case-a')]);
    const next = [append('case-a')];
    const [carried] = await folds.foldBatch(next);
    expect(carried!.previous).toEqual(types(2));
    expect(carried!.value).toEqual(types(3));
    // The same batch again (as after a rollback): the kept fold already includes it, so the tables may not hold its rows.
    const [replayed] = await folds.foldBatch(next);
    expect(replayed!.previous).toBeUndefined();
    expect(replayed!.value).toEqual(types(3));
    // A case that opens in the batch, or whose fold was read from its stream, has none either.
    const [opened] = await folds.foldBatch([append('case-b')]);
    expect(opened!.previous).toBeUndefined();
    const cold = new CaseFolds(store, () => toyCase, typesFolder, 10);
    const [read] = await cold.foldBatch([append('case-a')]);
    expect(read!.previous).toBeUndefined();
    expect(read!.value).toEqual(types(4));
  });

  it('holds at most 16 streams read and not yet folded, however many cases a batch has to read', async () => {
    const { append, store, reads } = history();
    const cases = Array.from({ length: 100 }, (_, i) => `case-${i}`);
    cases.forEach(append);
    // Capacity 0: nothing is kept, so every case of the next batch is read from its stream.
    const folds = new CaseFolds(store, () => toyCase, typesFolder, 0);
    const folded = await folds.foldBatch(cases.map(append));
    expect(folded.map((f) => f.value)).toEqual(cases.map(() => types(2)));
    expect(reads.count).toBe(100);
    expect(reads.mostAtOnce).toBeGreaterThan(1);
    expect(reads.mostHeld).toBeLessThanOrEqual(16);
    expect(folds.size).toBe(0);
  });
});
