import { Client } from 'pg';
import { Kysely, sql } from 'kysely';
import { CasetrailDatabase, CasetrailTables } from '@casetrail/persistence';
import { ProjectionLock, ProjectionLocks } from './projection-lock';

/** The two keys of a projection's lock: this schema's projection space, and the projection's name. */
const LOCK_KEYS_SQL = `hashtext('casetrail/projections/' || current_schema()), hashtext($1)`;
const APPLICATION_PREFIX = 'casetrail-projections ';

/**
 * One dedicated connection per process holds the session-level advisory locks of every projection
 * this process runs. When the process dies the server ends the session and frees its locks at
 * once; when the connection drops, this process learns it and stops applying.
 */
class LockSession {
  private client?: Client;
  private connecting?: Promise<Client>;
  private readonly onLost = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connectionString: string,
    private readonly owner: string,
  ) {}

  whenLost(callback: () => void): void {
    this.onLost.add(callback);
  }

  /** One query at a time on the session: the runners of every projection share it. */
  query<R>(text: string, values: unknown[]): Promise<R[]> {
    const run = this.queue.then(async () => {
      const client = await this.connected();
      const result = await client.query(text, values);
      return result.rows as R[];
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  get pid(): number | undefined {
    return (this.client as unknown as { processID?: number } | undefined)?.processID;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connected(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new Client({
        connectionString: this.connectionString,
        application_name: `${APPLICATION_PREFIX}${this.owner}`.slice(0, 63),
        keepAlive: true,
        connectionTimeoutMillis: 5_000,
      });
      const lost = () => {
        if (this.client !== client) return;
        this.client = undefined;
        this.onLost.forEach((callback) => callback());
      };
      client.on('error', lost);
      client.on('end', lost);
      try {
        await client.connect();
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      this.client = client;
      return client;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }
}

class PostgresAdvisoryLock implements ProjectionLock {
  private holding = false;

  constructor(
    readonly name: string,
    private readonly session: LockSession,
  ) {
    session.whenLost(() => (this.holding = false));
  }

  get held(): boolean {
    return this.holding;
  }

  async tryAcquire(): Promise<boolean> {
    // Session locks stack: taking it twice would need two unlocks, so ask only when not holding.
    if (this.holding) return true;
    const [row] = await this.session.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEYS_SQL}) AS ok`, [this.name]);
    this.holding = row?.ok === true;
    return this.holding;
  }

  async confirm(_trx: Kysely<CasetrailTables>): Promise<boolean> {
    return this.holding;
  }

  async release(): Promise<void> {
    if (!this.holding) return;
    this.holding = false;
    await this.session.query(`SELECT pg_advisory_unlock(${LOCK_KEYS_SQL})`, [this.name]).catch(() => undefined);
  }
}

export class PostgresAdvisoryLocks implements ProjectionLocks {
  private readonly session: LockSession;
  private readonly locks = new Map<string, PostgresAdvisoryLock>();

  constructor(
    private readonly db: CasetrailDatabase,
    connectionString: string,
    readonly owner: string,
  ) {
    this.session = new LockSession(connectionString, owner);
  }

  lockFor(name: string): ProjectionLock {
    let lock = this.locks.get(name);
    if (!lock) {
      lock = new PostgresAdvisoryLock(name, this.session);
      this.locks.set(name, lock);
    }
    return lock;
  }

  /** The holding session's application name carries its owner; the server knows every holder. */
  async holderOf(name: string): Promise<string | null> {
    const { rows } = await sql<{ application_name: string; pid: number }>`
      SELECT a.application_name, a.pid
      FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid = hashtext('casetrail/projections/' || current_schema())::oid
        AND l.objid = hashtext(${name})::oid`.execute(this.db);
    const row = rows[0];
    if (!row) return null;
    return row.application_name.startsWith(APPLICATION_PREFIX)
      ? row.application_name.slice(APPLICATION_PREFIX.length)
      : `pid ${row.pid}`;
  }

  async close(): Promise<void> {
    // Ending the session frees every lock it holds.
    await this.session.close();
  }
}
