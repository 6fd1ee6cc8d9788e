/**
 * A projection runner in its own process, for the crash tests: runs every read model plus an
 * event tally until they all reach CT_EXIT_AT, then prints what it applied and exits. With
 * CT_HANG_AT it stops inside the batch that holds that position, transaction open, and says so
 * on stdout, so the test can SIGKILL it mid-batch.
 */
import 'reflect-metadata';
import { RecordedEvent } from '@casetrail/event-store';
import { createEventStore } from '@casetrail/event-store';
import { createDatabase, migrateTables } from '@casetrail/persistence';
import { allProjections, databaseTargetOf, Projection, ProjectionHost } from '@casetrail/projections';
import { loadConfig } from '@casetrail/shared';
import { definitionFor } from './casework';
import { EventTallyProjection } from './event-tally.projection';
import { FAST_LEASE, FAST_TUNING } from './projection-fixture';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const hangAt = Number(process.env.CT_HANG_AT ?? 0);
  const exitAt = Number(process.env.CT_EXIT_AT);
  const store = createEventStore(config);
  await store.init();
  const target = databaseTargetOf(config);
  const db = createDatabase(target, { durability: 'rebuildable' });
  await migrateTables(db);
  const tally = new EventTallyProjection({
    beforeApply: async (event: RecordedEvent) => {
      if (event.position !== hangAt) return;
      process.stdout.write(`hanging at ${event.position} after ${tally.applied} events\n`);
      await new Promise(() => undefined); // never settles: the batch's transaction stays open
    },
  });
  const projections = [...allProjections({ store, definitionFor }), tally as unknown as Projection<unknown>];
  const host = new ProjectionHost({ store, db, target, projections, owner: process.env.CT_OWNER ?? `child-${process.pid}`, mode: 'run', tuning: FAST_TUNING, leaseTiming: FAST_LEASE });
  await host.start();
  process.stdout.write('started\n');
  while (!(await host.waitFor(exitAt, 5_000))) {
    if ((await host.failures()).length > 0) throw new Error(`stopped: ${JSON.stringify(await host.failures())}`);
  }
  const applied = Object.fromEntries(host.statuses().map((s) => [s.name, s.eventsApplied]));
  await host.stop();
  process.stdout.write(`${JSON.stringify({ done: true, applied })}\n`);
  await db.destroy();
  await store.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
