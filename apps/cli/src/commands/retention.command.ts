import { parseArgs } from 'node:util';
import { CASE_TYPES } from '@casetrail/cases';
import { EventStore } from '@casetrail/event-store';
import { EncryptingEventStore, erasureCandidates, ErasureCandidate, loadRetentionPolicy, RetainedCase } from '@casetrail/privacy';
import { caseTypeOfStream } from '@casetrail/projections';
import { CaseTypeDefinition, DomainEvent, upcasterRegistryOf } from '@casetrail/workflow';
import type { CliCommand } from './index';

const USAGE = 'retention report [--as-of YYYY-MM-DD] [--format json|csv]';
const EX_USAGE = 64;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `npm run cli -- retention report`: the erasure candidates on a date under
 * policy/retention/retention.yaml: closed cases past their retention period, with the subjects
 * still to erase (EraseSubject, docs/privacy.md). It lists; it erases nothing.
 */
export const retentionCommand: CliCommand = {
  name: 'retention',
  usage: USAGE,
  summary: 'List erasure candidates: closed cases past their retention period, with their subjects',
  async run(args, { store, config, out }) {
    let parsed: { positionals: string[]; values: { 'as-of'?: string; format?: string } };
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { 'as-of': { type: 'string' }, format: { type: 'string', default: 'json' } } });
    } catch (error) {
      out(`retention: ${(error as Error).message}. Usage: ${USAGE}`);
      return EX_USAGE;
    }
    const asOf = parsed.values['as-of'] ?? new Date().toISOString().slice(0, 10);
    if (parsed.positionals[0] !== 'report' || parsed.positionals.length !== 1) {
      out(`retention: say report. Usage: ${USAGE}`);
      return EX_USAGE;
    }
    if (!DATE.test(asOf) || Number.isNaN(Date.parse(asOf))) {
      out(`retention: --as-of must be a date YYYY-MM-DD (got "${asOf}")`);
      return EX_USAGE;
    }
    if (parsed.values.format !== 'json' && parsed.values.format !== 'csv') {
      out(`retention: --format must be json or csv (got "${parsed.values.format}")`);
      return EX_USAGE;
    }
    if (!(store instanceof EncryptingEventStore)) throw new Error('retention needs the subjects\' key table: run it through the CLI');
    const policy = loadRetentionPolicy(config.CASETRAIL_POLICY_DIR ?? 'policy', CASE_TYPES.map((d) => d.caseType));
    const cases = await retainedCases(store);
    const candidates = erasureCandidates(cases, policy, asOf);
    if (parsed.values.format === 'json') out(JSON.stringify({ asOf, candidates }, null, 2));
    else candidatesCsv(candidates).forEach((line) => out(line));
    return 0;
  },
};

/** Every case folded from its events (as the API folds them), with its subjects from the key table. */
async function retainedCases(store: EncryptingEventStore): Promise<RetainedCase[]> {
  const definitionFor = caseTypeOfStream(CASE_TYPES);
  const folded = new Map<string, { definition: CaseTypeDefinition; state: unknown }>();
  for (let after = 0; ; ) {
    const batch = await readBatch(store, after);
    if (batch.length === 0) break;
    for (const event of batch) {
      const definition = definitionFor(event.streamId);
      if (!definition) continue;
      const entry = folded.get(event.streamId) ?? { definition, state: definition.decider.initialState() };
      const upcast = upcasterRegistryOf(definition).upcast(event);
      entry.state = definition.decider.evolve(entry.state, { type: upcast.type, data: upcast.data, schemaVersion: upcast.schemaVersion } as DomainEvent);
      folded.set(event.streamId, entry);
    }
    after = batch.at(-1)!.position;
  }
  const cases: RetainedCase[] = [];
  for (const [caseId, { definition, state }] of folded) {
    const { closedAt } = definition.summarise(state);
    const subjects = closedAt ? await store.keys.subjectsOfCase(caseId) : [];
    cases.push({
      caseId,
      caseType: definition.caseType,
      ...(closedAt ? { closedAt } : {}),
      subjects: subjects.map((s) => ({ subjectId: s.subjectId, slot: s.slot, erased: s.destroyedAt !== undefined })),
    });
  }
  return cases;
}

function readBatch(store: EventStore, after: number) {
  return store.readAll({ after, maxCount: 2000 });
}

/** One line per subject to erase: `caseId,caseType,closedAt,rule,years,dueFrom,subjectId,slot` (RFC 4180). */
function candidatesCsv(candidates: ErasureCandidate[]): string[] {
  const cell = (value: string | number) => (/[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));
  const header = ['caseId', 'caseType', 'closedAt', 'rule', 'years', 'dueFrom', 'subjectId', 'slot'];
  return [
    header.join(','),
    ...candidates.flatMap((c) => c.subjects.map((s) => [c.caseId, c.caseType, c.closedAt, c.rule, c.years, c.dueFrom, s.subjectId, s.slot].map(cell).join(','))),
  ];
}
