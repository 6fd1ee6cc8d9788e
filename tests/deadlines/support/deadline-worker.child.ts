/**
 * A deadline worker in its own process, for the test that kills one with SIGKILL mid-batch.
 * Run with `node -r @swc-node/register`; prints "ready" once it takes jobs.
 */
import { DeadlineExpiry, DeadlineWorker } from '@casetrail/scheduling';
import { Casework } from './casework';
import { STALL_SETTINGS } from './stall-settings';

async function main(): Promise<void> {
  const { DEADLINE_REDIS_URL: url, DEADLINE_PREFIX: prefix, DEADLINE_SQLITE_PATH: path } = process.env;
  if (!url || !prefix || !path) throw new Error('DEADLINE_REDIS_URL, DEADLINE_PREFIX and DEADLINE_SQLITE_PATH are required');
  const casework = await Casework.start(path);
  const worker = new DeadlineWorker(
    { fire: new DeadlineExpiry(casework.runtime).fire, reconcile: async () => undefined, escalationSweep: async () => undefined },
    { url, prefix, ...STALL_SETTINGS },
  );
  await worker.worker.waitUntilReady();
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
