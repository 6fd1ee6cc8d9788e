import { EventStore, RecordedEvent } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { CaseSummaryTables, readCheckpoint } from '@casetrail/projections';
import { canonicalJson, CaseTypeDefinition, Deadlines, DomainEvent, evolveDeadlines, upcasterRegistryOf } from '@casetrail/workflow';
import { expectedSummary, storedSummary, SummaryFields } from './summary-row';

/** The case-summary projection's name and table (libs/projections case-summary). */
const CASE_SUMMARY = 'case-summary';

export interface SummaryDifference {
  caseId: string;
  /** A column, or `(row)` when the case or its row is missing altogether. */
  field: keyof SummaryFields | '(row)' | '(events)';
  readModel: unknown;
  events: unknown;
}

export interface ReplayReport {
  /** The read model's checkpoint: events up to it were replayed, so a lagging read model is not a difference. */
  checkpoint: number;
  cases: number;
  events: number;
  differences: SummaryDifference[];
}

export interface ReplayDeps {
  store: EventStore;
  db: CasetrailDatabase;
  definitionFor(streamId: string): CaseTypeDefinition | undefined;
}

export class ReadModelMissingError extends Error {
  constructor(cause: unknown) {
    super(`the case-summary read model cannot be read here (${cause instanceof Error ? cause.message : String(cause)}); start the API or the worker once to build it`);
    this.name = 'ReadModelMissingError';
  }
}

interface CaseReplay {
  definition: CaseTypeDefinition;
  state: unknown;
  deadlines: Deadlines;
  last: RecordedEvent;
  error?: string;
}

/**
 * Rebuilds every case from its events, up to the case-summary read model's checkpoint, and
 * compares each with its row: every difference, and every case or row without its counterpart.
 */
export async function replayCaseSummaries({ store, db, definitionFor }: ReplayDeps, options: { batchSize?: number } = {}): Promise<ReplayReport> {
  let rows: Awaited<ReturnType<typeof readRows>>;
  let checkpoint: number;
  try {
    // Checkpoint first: rows can only be ahead of it, and a row ahead shows as a difference.
    checkpoint = await readCheckpoint(db, CASE_SUMMARY);
    rows = await readRows(db);
  } catch (error) {
    throw new ReadModelMissingError(error);
  }
  const { cases, events } = await replayUpTo(store, definitionFor, checkpoint, options.batchSize ?? 2000);
  const differences: SummaryDifference[] = [];
  const stored = new Map(rows.map((row) => [row.case_id, storedSummary(row)]));
  for (const [caseId, replayed] of cases) {
    const row = stored.get(caseId);
    if (replayed.error !== undefined) {
      differences.push({ caseId, field: '(events)', readModel: row ? `row at revision ${row.revision}` : null, events: replayed.error });
      continue;
    }
    const expected = expectedSummary(replayed.definition, replayed.definition.summarise(replayed.state), replayed.deadlines, replayed.last);
    if (!row) {
      differences.push({ caseId, field: '(row)', readModel: null, events: `case at revision ${expected.revision}` });
      continue;
    }
    for (const field of Object.keys(expected) as (keyof SummaryFields)[]) {
      if (canonicalJson(expected[field]) !== canonicalJson(row[field])) differences.push({ caseId, field, readModel: row[field], events: expected[field] });
    }
  }
  for (const [caseId, row] of stored) {
    if (!cases.has(caseId)) differences.push({ caseId, field: '(row)', readModel: `row at revision ${row.revision}`, events: null });
  }
  return { checkpoint, cases: cases.size, events, differences };
}

function readRows(db: CasetrailDatabase) {
  return db.withTables<CaseSummaryTables>().selectFrom('case_summaries').selectAll().orderBy('case_id').execute();
}

async function replayUpTo(
  store: EventStore,
  definitionFor: ReplayDeps['definitionFor'],
  checkpoint: number,
  batchSize: number,
): Promise<{ cases: Map<string, CaseReplay>; events: number }> {
  const cases = new Map<string, CaseReplay>();
  let events = 0;
  for (let after = 0; after < checkpoint; ) {
    const batch = (await store.readAll({ after, maxCount: batchSize })).filter((e) => e.position <= checkpoint);
    if (batch.length === 0) break;
    for (const stored of batch) {
      events += 1;
      const definition = definitionFor(stored.streamId);
      if (!definition) continue;
      const event = upcasterRegistryOf(definition).upcast(stored);
      const replay = cases.get(stored.streamId) ?? { definition, state: definition.decider.initialState(), deadlines: {}, last: event };
      cases.set(stored.streamId, fold(replay, event));
    }
    after = batch.at(-1)!.position;
  }
  return { cases, events };
}

function fold(replay: CaseReplay, event: RecordedEvent): CaseReplay {
  if (replay.error !== undefined) return replay;
  const domainEvent: DomainEvent = { type: event.type, data: event.data, schemaVersion: event.schemaVersion };
  try {
    return {
      ...replay,
      state: replay.definition.decider.evolve(replay.state, domainEvent),
      deadlines: evolveDeadlines(replay.deadlines, domainEvent),
      last: event,
    };
  } catch (error) {
    return { ...replay, last: event, error: `revision ${event.revision} (${event.type}) cannot be folded: ${error instanceof Error ? error.message : String(error)}` };
  }
}
