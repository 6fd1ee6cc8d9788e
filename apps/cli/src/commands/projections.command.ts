import { parseArgs } from 'node:util';
import { CASE_TYPES } from '@casetrail/cases';
import { createDatabase, migrateTables } from '@casetrail/persistence';
import {
  allProjections,
  caseTypeOfStream,
  createProjectionLocks,
  databaseTargetOf,
  ensureProjectionTables,
  processOwner,
  Projection,
  projectionStatuses,
  rebuildProjection,
  ShadowBuildFailedError,
  verifyProjection,
} from '@casetrail/projections';
import type { CliCommand, CliContext } from './index';
import { ProgressOutput, progressBar } from './projections-progress';
import { differenceLines, statusTable } from './projections-report';

const USAGE = 'projections status [--json] | rebuild [name] | verify [name]';

/** The command with its progress output passed in, so a test can read what the bar wrote. */
export async function runProjections(args: string[], { store, config, out }: CliContext, progressOutput: ProgressOutput): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  const [action, name] = positionals;
  const target = databaseTargetOf(config);
  const db = createDatabase(target, { durability: 'rebuildable' });
  const locks = createProjectionLocks(db, target, processOwner('cli'));
  try {
    await migrateTables(db);
    const projections = allProjections({ store, definitionFor: caseTypeOfStream(CASE_TYPES) });
    await ensureProjectionTables(db, projections);
    const chosen = name ? projections.filter((p) => p.name === name) : projections;
    if (name && chosen.length === 0) {
      out(`projections: no projection named ${name}; known: ${projections.map((p) => p.name).join(', ')}`);
      return 64;
    }
    const settings = { store, db, locks };
    switch (action) {
      case 'status': {
        const { head, projections: statuses } = await projectionStatuses(store, db, locks, chosen);
        (values.json ? [JSON.stringify({ head, projections: statuses })] : statusTable(head, statuses)).forEach((line) => out(line));
        return statuses.some((s) => s.stopped) ? 1 : 0;
      }
      case 'rebuild':
        return await forEach(chosen, out, async (projection) => {
          const bar = progressBar(progressOutput);
          const result = await rebuildProjection({ ...settings, projection, onProgress: (p) => bar.update(p) }).finally(() => bar.done());
          const seconds = result.elapsedMs / 1000;
          out(`${projection.name}: rebuilt from ${result.events} events in ${seconds.toFixed(1)} s (${Math.round(result.events / Math.max(seconds, 0.001))} events/s); checkpoint ${result.checkpoint}`);
          return true;
        });
      case 'verify':
        return await forEach(chosen, out, async (projection) => {
          const bar = progressBar(progressOutput);
          const result = await verifyProjection({ ...settings, projection, onProgress: (p) => bar.update(p) }).finally(() => bar.done());
          differenceLines(result).forEach((line) => out(line));
          out(`${projection.name}: ${result.differences.length} difference(s) in ${result.rowsCompared} row(s) at position ${result.checkpoint}`);
          return result.differences.length === 0;
        });
      default:
        out(`Usage: npm run cli -- ${USAGE}`);
        return 64;
    }
  } finally {
    await locks.close();
    await db.destroy();
  }
}

/** One projection after another; a failure is reported and the others still run. Exit 1 if any failed. */
async function forEach(projections: Projection<unknown>[], out: (line: string) => void, work: (p: Projection<unknown>) => Promise<boolean>): Promise<number> {
  let ok = true;
  for (const projection of projections) {
    try {
      ok = (await work(projection)) && ok;
    } catch (error) {
      ok = false;
      if (error instanceof ShadowBuildFailedError) {
        const { position, eventType, error: message } = error.failure;
        out(`${projection.name}: stopped on ${eventType} at position ${position}: ${message}; the live tables are unchanged`);
      } else out(`${projection.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return ok ? 0 : 1;
}

export const projectionsCommand: CliCommand = {
  name: 'projections',
  usage: USAGE,
  summary: 'Read models: checkpoint, lag and holder; rebuild into shadow tables and swap; verify against a rebuild',
  run: (args, context) => runProjections(args, context, process.stderr),
};
