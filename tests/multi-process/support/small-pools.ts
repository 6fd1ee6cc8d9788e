/**
 * Preloaded (`node -r`) into every process of the multi-process test: caps each node-postgres
 * pool at CASETRAIL_TEST_PG_POOL_MAX connections. Four processes at their shipped sizes may open
 * about 125 connections (infra/README.md, "Connections"), more than the shared test server's
 * max_connections leaves beside the other suites. Pool size changes nothing the test checks.
 */
import pg from 'pg';

const cap = Number(process.env.CASETRAIL_TEST_PG_POOL_MAX ?? '0');

if (cap > 0) {
  const Original = pg.Pool;
  class CappedPool extends Original {
    constructor(config: pg.PoolConfig = {}) {
      super({ ...config, max: Math.min(config.max ?? 10, cap) });
    }
  }
  pg.Pool = CappedPool;
}
