import { parseArgs } from 'node:util';
import { CASE_TYPES } from '@casetrail/cases';
import { EventStore } from '@casetrail/event-store';
import { CasetrailDatabase, createDatabase, migrateTables } from '@casetrail/persistence';
import {
  caseTypeOfStream,
  databaseTargetOf,
  partnershipReportCsv,
  PartnershipReportProjection,
  processOwner,
  Projection,
  ProjectionHost,
  queryPartnershipReport,
  ReportPeriodSchema,
} from '@casetrail/projections';
import { CasetrailConfig } from '@casetrail/shared';
import type { CliCommand } from './index';

const USAGE = 'report --from YYYY-MM-DD --to YYYY-MM-DD [--format json|csv]';
/** Long enough for a first run to project years of a borough's events. */
const CATCH_UP_MS = 5 * 60_000;

export const reportCommand: CliCommand = {
  name: 'report',
  usage: USAGE,
  summary: 'Print the partnership report for a period (dates inclusive), as JSON or CSV',
  async run(args, { store, config, out }) {
    let values: { from?: string; to?: string; format?: string };
    try {
      ({ values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string', default: 'json' } } }));
    } catch (error) {
      out(`report: ${(error as Error).message}. Usage: ${USAGE}`);
      return 64;
    }
    const period = ReportPeriodSchema.safeParse({ from: values.from, to: values.to });
    if (!period.success) {
      out(period.error.issues.map((issue) => `report: --${issue.path.join('.')} ${issue.message}`).join('\n'));
      return 64;
    }
    if (values.format !== 'json' && values.format !== 'csv') {
      out(`report: --format must be json or csv (got "${values.format}")`);
      return 64;
    }
    const db = createDatabase(databaseTargetOf(config));
    try {
      const problem = await catchUpReadModel(store, db, config);
      if (problem) {
        out(`report: ${problem}`);
        return 1;
      }
      const report = await queryPartnershipReport(db, period.data);
      if (values.format === 'json') out(JSON.stringify(report, null, 2));
      else partnershipReportCsv(report).forEach((line) => out(line));
      return 0;
    } finally {
      await db.destroy();
    }
  },
};

/**
 * Brings the report's read model up to the store's head: applying the events itself, or, when
 * the API or the worker holds the projection, waiting for it to get there. Returns what went
 * wrong, if anything.
 */
async function catchUpReadModel(store: EventStore, db: CasetrailDatabase, config: CasetrailConfig): Promise<string | undefined> {
  await migrateTables(db);
  const projection = new PartnershipReportProjection(caseTypeOfStream(CASE_TYPES));
  // Typed with its own tables; the host treats every projection alike (as the registry does).
  const projections = [projection] as unknown as Projection<unknown>[];
  const host = new ProjectionHost({ store, db, target: databaseTargetOf(config), projections, owner: processOwner('cli'), mode: 'run' });
  await host.start();
  try {
    if (await host.waitFor(await store.headPosition(), CATCH_UP_MS)) return undefined;
    const [failure] = await host.failures();
    return failure
      ? `the ${failure.projection} read model stopped at position ${failure.position} (${failure.eventType}): ${failure.error}`
      : `the ${projection.name} read model did not catch up within ${CATCH_UP_MS / 1000} s`;
  } finally {
    await host.stop();
  }
}
