import { Kysely } from 'kysely';
import { CasetrailDatabase, CasetrailTables } from '@casetrail/persistence';
import { ProjectionLock, ProjectionLocks } from './projection-lock';
import { runnerTables } from './runner-tables';

export interface LeaseTiming {
  /** How long a lease lasts without renewal: the longest a dead holder blocks a takeover. */
  leaseMs: number;
  /** How often a holder renews; well under leaseMs so one late timer does not lose it. */
  renewMs: number;
}

export const DEFAULT_LEASE_TIMING: LeaseTiming = { leaseMs: 10_000, renewMs: 3_000 };

/**
 * SQLite has no session locks another process can see die, so the lock is a lease row: the
 * holder renews it; once it has expired anyone may take it. Times are this machine's clock,
 * which every process on one SQLite file shares.
 */
class SqliteLease implements ProjectionLock {
  private heldUntil = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    readonly name: string,
    private readonly db: CasetrailDatabase,
    private readonly owner: string,
    private readonly timing: LeaseTiming,
  ) {}

  get held(): boolean {
    return Date.now() < this.heldUntil;
  }

  async tryAcquire(): Promise<boolean> {
    const now = Date.now();
    const expiresAt = now + this.timing.leaseMs;
    await runnerTables(this.db)
      .insertInto('projection_leases')
      .values({ name: this.name, owner: this.owner, expires_at: expiresAt })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ owner: this.owner, expires_at: expiresAt })
          .where((eb) => eb.or([eb('projection_leases.owner', '=', this.owner), eb('projection_leases.expires_at', '<=', now)])),
      )
      .execute();
    const row = await runnerTables(this.db).selectFrom('projection_leases').select('owner').where('name', '=', this.name).executeTakeFirst();
    if (row?.owner !== this.owner) return false;
    this.heldUntil = expiresAt;
    this.timer ??= setInterval(() => void this.renew(this.db), this.timing.renewMs).unref();
    return true;
  }

  async confirm(trx: Kysely<CasetrailTables>): Promise<boolean> {
    return this.renew(trx);
  }

  async release(): Promise<void> {
    this.stopRenewing();
    await runnerTables(this.db).deleteFrom('projection_leases').where('name', '=', this.name).where('owner', '=', this.owner).execute();
  }

  private async renew(db: Kysely<CasetrailTables>): Promise<boolean> {
    if (this.heldUntil === 0) return false;
    const expiresAt = Date.now() + this.timing.leaseMs;
    try {
      const result = await runnerTables(db)
        .updateTable('projection_leases')
        .set({ expires_at: expiresAt })
        .where('name', '=', this.name)
        .where('owner', '=', this.owner)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) {
        this.heldUntil = expiresAt;
        return true;
      }
      this.stopRenewing(); // taken over after it expired
      return false;
    } catch {
      // A busy database: keep the lease we have until it runs out; the next renewal may succeed.
      return this.held;
    }
  }

  private stopRenewing(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.heldUntil = 0;
  }
}

export class SqliteLeases implements ProjectionLocks {
  private readonly leases = new Map<string, SqliteLease>();

  constructor(
    private readonly db: CasetrailDatabase,
    readonly owner: string,
    private readonly timing: LeaseTiming = DEFAULT_LEASE_TIMING,
  ) {}

  lockFor(name: string): ProjectionLock {
    let lease = this.leases.get(name);
    if (!lease) {
      lease = new SqliteLease(name, this.db, this.owner, this.timing);
      this.leases.set(name, lease);
    }
    return lease;
  }

  async holderOf(name: string): Promise<string | null> {
    const row = await runnerTables(this.db)
      .selectFrom('projection_leases')
      .select('owner')
      .where('name', '=', name)
      .where('expires_at', '>', Date.now())
      .executeTakeFirst();
    return row?.owner ?? null;
  }

  async close(): Promise<void> {
    for (const lease of this.leases.values()) if (lease.held) await lease.release();
  }
}
