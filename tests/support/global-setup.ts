import { startLogCapture } from './captured-logs';
import { probePostgres, probeRedis, recordUnavailable } from './services';

/** Probes PostgreSQL and Redis once (see services.ts for what follows), and opens the run's log capture (captured-logs.ts). */
export default async function globalSetup(): Promise<void> {
  startLogCapture();
  const required = process.env.CASETRAIL_REQUIRE_SERVICES === '1';
  const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()]);
  recordUnavailable('postgres', postgres);
  recordUnavailable('redis', redis);
  const down = [postgres, redis].filter((reason): reason is string => reason !== undefined);
  if (down.length > 0 && required) {
    throw new Error(`CASETRAIL_REQUIRE_SERVICES=1 but ${down.join('; ')}`);
  }
  down.forEach((reason) => process.stderr.write(`\n[casetrail tests] suites skipped: ${reason}\n`));
}
