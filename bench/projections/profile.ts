/**
 * Where a rebuild's CPU goes: the events bench:projections generates, then each named
 * projection rebuilt through rebuildProjection with the V8 profiler on for that rebuild only.
 * The raw ordered read of the same file is timed first, so CPU per event sits beside it.
 *
 *   node -r @swc-node/register bench/projections/profile.ts [--events 200000] [--projections a,b] [--out dir]
 *
 * Then `node -r @swc-node/register bench/api/summarise-profile.ts dir/<projection>.cpuprofile`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CASE_TYPES } from '@casetrail/cases';
import { SqliteEventStore } from '@casetrail/event-store';
import { createDatabase, migrateTables } from '@casetrail/persistence';
import { allProjections, caseTypeOfStream, createProjectionLocks, ensureProjectionTables, processOwner, rebuildProjection } from '@casetrail/projections';
import { profiled } from '../api/profiled';
import { generateEvents } from './generate';
import { log, rawOrderedRead } from './measure';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '200000' }, projections: { type: 'string' }, out: { type: 'string', default: 'rebuild-profiles' } } });
  const dir = mkdtempSync(join(process.env.BENCH_SQLITE_DIR ?? tmpdir(), 'casetrail-profile-projections-'));
  mkdirSync(values.out, { recursive: true });
  try {
    const generated = await generateEvents(dir, Number(values.events), log);
    const store = new SqliteEventStore({ path: generated.path });
    await store.init();
    const target = { dialect: 'sqlite' as const, path: generated.path };
    const db = createDatabase(target, { durability: 'rebuildable' });
    const locks = createProjectionLocks(db, target, processOwner('profile'));
    try {
      await migrateTables(db);
      const every = allProjections({ store, definitionFor: caseTypeOfStream(CASE_TYPES) });
      await ensureProjectionTables(db, every);
      rawOrderedRead(generated.path);
      const raw = rawOrderedRead(generated.path);
      const rawCpuUs = (raw.cpuSeconds * 1e6) / raw.events;
      log(`raw ordered read: ${rawCpuUs.toFixed(2)} µs CPU per event`);
      const only = values.projections?.split(',');
      for (const projection of only ? every.filter((p) => only.includes(p.name)) : every) {
        const out = join(values.out, `${projection.name}.cpuprofile`);
        const { result, cpuMs } = await profiled(out, () => rebuildProjection({ store, db, locks, projection }));
        const cpuUs = (cpuMs * 1000) / result.events;
        log(`${projection.name}: ${cpuUs.toFixed(2)} µs CPU per event, ${(rawCpuUs / cpuUs).toFixed(2)}x raw (profiled), ${out}`);
      }
    } finally {
      await locks.close();
      await db.destroy();
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
