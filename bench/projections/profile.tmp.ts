import { CASE_TYPES } from '@casetrail/cases';
import { SqliteEventStore } from '@casetrail/event-store';
import { createDatabase, migrateTables } from '@casetrail/persistence';
import { allProjections, caseTypeOfStream, createProjectionLocks, ensureProjectionTables, processOwner, rebuildProjection } from '@casetrail/projections';
async function main() {
  const path = process.argv[2]!; const name = process.argv[3]!;
  const store = new SqliteEventStore({ path }); await store.init();
  const t = { dialect: 'sqlite' as const, path };
  const db = createDatabase(t, { durability: 'rebuildable' });
  const locks = createProjectionLocks(db, t, processOwner('p'));
  await migrateTables(db);
  const ps = allProjections({ store, definitionFor: caseTypeOfStream(CASE_TYPES) });
  await ensureProjectionTables(db, ps);
  const s = Date.now(); const c0 = process.cpuUsage();
  const r = await rebuildProjection({ store, db, locks, projection: ps.find((p) => p.name === name)! });
  const cu = process.cpuUsage(c0); console.log(name, r.events, 'cpu', Math.round((cu.user + cu.system) / 1000), 'ms wall', Date.now() - s, 'ms', Math.round(r.events / ((Date.now() - s) / 1000)), '/s');
  await locks.close(); await db.destroy(); await store.close();
}
main();
