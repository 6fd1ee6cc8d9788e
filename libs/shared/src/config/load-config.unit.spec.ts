import { ConfigError, loadConfig } from './load-config';

describe('configuration', () => {
  it('defaults to the embedded SQLite store on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ CASETRAIL_STORE: 'sqlite', CASETRAIL_SQLITE_PATH: './data/casetrail.db', PORT: 3000 });
  });

  it('ignores unrelated variables and treats empty strings as unset', () => {
    expect(loadConfig({ PATH: '/bin', PORT: '' }).PORT).toBe(3000);
  });

  it.each([
    [{ CASETRAIL_STORE: 'mongo' }, 'Invalid configuration: CASETRAIL_STORE must be one of sqlite, postgres, eventstoredb (got "mongo")'],
    [{ PORT: 'eighty' }, 'Invalid configuration: PORT'],
    [{ PORT: '70000' }, 'Invalid configuration: PORT'],
    [{ CASETRAIL_STORE: 'postgres' }, 'Invalid configuration: CASETRAIL_PG_URL is required when CASETRAIL_STORE=postgres'],
    [{ CASETRAIL_STORE: 'eventstoredb' }, 'Invalid configuration: CASETRAIL_ESDB_URL is required when CASETRAIL_STORE=eventstoredb'],
    [
      { CASETRAIL_STORE: 'eventstoredb', CASETRAIL_ESDB_URL: 'kurrentdb://localhost:2113?tls=false' },
      'Invalid configuration: CASETRAIL_PG_URL is required when CASETRAIL_STORE=eventstoredb (read models)',
    ],
    [{ CASETRAIL_PG_URL: 'mysql://x' }, 'Invalid configuration: CASETRAIL_PG_URL must be a URL starting postgres:// or postgresql://'],
    [{ CASETRAIL_REDIS_URL: 'not a url' }, 'Invalid configuration: CASETRAIL_REDIS_URL must be a URL starting redis://'],
    [{ CASETRAIL_JWT_SECRET: 'short' }, 'Invalid configuration: CASETRAIL_JWT_SECRET must be at least 32 characters'],
    [{ CASETRAIL_DEADLINE_CONCURRENCY: '0' }, 'Invalid configuration: CASETRAIL_DEADLINE_CONCURRENCY'],
    [{ CASETRAIL_DEADLINE_CONCURRENCY: '2.5' }, 'Invalid configuration: CASETRAIL_DEADLINE_CONCURRENCY'],
  ])('stops on %p with one line naming the variable', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it("leaves the deadline worker's concurrency to libs/scheduling unless set", () => {
    expect(loadConfig({}).CASETRAIL_DEADLINE_CONCURRENCY).toBeUndefined();
    expect(loadConfig({ CASETRAIL_DEADLINE_CONCURRENCY: '64' }).CASETRAIL_DEADLINE_CONCURRENCY).toBe(64);
  });

  it('accepts a PostgreSQL store with its URL', () => {
    const config = loadConfig({ CASETRAIL_STORE: 'postgres', CASETRAIL_PG_URL: 'postgres://u@localhost:5432/db' });
    expect(config.CASETRAIL_STORE).toBe('postgres');
  });
});
