import { parseArgs } from 'node:util';
import { ReadModelMissingError, replayCaseSummaries, SummaryDifference } from '@casetrail/audit';
import { CASE_TYPES } from '@casetrail/cases';
import { createDatabase } from '@casetrail/persistence';
import { caseTypeOfStream, databaseTargetOf } from '@casetrail/projections';
import type { CliCommand } from './index';

const USAGE = 'replay --all';
const EX_USAGE = 64;

const messageOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);

/**
 * `npm run cli -- replay --all`: every case rebuilt from its events and compared with the case
 * summary read model. Exits 1 on any difference, so it can gate a release or a nightly check.
 */
export const replayCommand: CliCommand = {
  name: 'replay',
  usage: USAGE,
  summary: 'Rebuild every case from its events and compare it with the case-summary read model',
  async run(args, { store, config, out }) {
    let all: boolean;
    try {
      all = parseArgs({ args, options: { all: { type: 'boolean', default: false } } }).values.all ?? false;
    } catch (error) {
      out(`replay: ${messageOf(error)} Usage: ${USAGE}`);
      return EX_USAGE;
    }
    if (!all) {
      out(`replay: say --all (every case is replayed). Usage: ${USAGE}`);
      return EX_USAGE;
    }
    const db = createDatabase(databaseTargetOf(config));
    try {
      const report = await replayCaseSummaries({ store, db, definitionFor: caseTypeOfStream(CASE_TYPES) });
      report.differences.forEach((difference) => out(differenceLine(difference)));
      const cases = new Set(report.differences.map((d) => d.caseId)).size;
      out(
        `replayed ${report.cases} cases (${report.events} events, up to position ${report.checkpoint}): ` +
          (report.differences.length === 0 ? 'no differences' : `${report.differences.length} differences in ${cases} cases`),
      );
      return report.differences.length === 0 ? 0 : 1;
    } catch (error) {
      if (!(error instanceof ReadModelMissingError)) throw error;
      out(`replay: ${error.message}`);
      return 1;
    } finally {
      await db.destroy();
    }
  },
};

function differenceLine({ caseId, field, readModel, events }: SummaryDifference): string {
  return `DIFF  ${caseId}  ${field}: read model ${JSON.stringify(readModel)}, events ${JSON.stringify(events)}`;
}
