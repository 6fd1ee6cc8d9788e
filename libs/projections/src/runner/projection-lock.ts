import { Kysely } from 'kysely';
import { CasetrailTables } from '@casetrail/persistence';

/**
 * "Only this process applies events to this projection now." Held while running; another
 * process takes over when the holder stops or dies. Correctness does not rest on it (the
 * checkpoint compare-and-set does); it keeps the other runners from doing wasted work.
 */
export interface ProjectionLock {
  readonly name: string;
  /** True while this process holds the lock, as far as it can tell (a lost connection or lease says no). */
  readonly held: boolean;
  /** One attempt; true when this process holds the lock afterwards. */
  tryAcquire(): Promise<boolean>;
  /**
   * Inside a batch's transaction: confirms (and, for a lease, extends) the hold, so a runner whose
   * lease was taken over while it paused gives up the batch instead of committing it.
   */
  confirm(trx: Kysely<CasetrailTables>): Promise<boolean>;
  release(): Promise<void>;
}

/** The locks of one process, for any projection name. */
export interface ProjectionLocks {
  /** Who this process is, as status shows it: `<role>@<host>:<pid>`. */
  readonly owner: string;
  lockFor(name: string): ProjectionLock;
  /** Who holds `name` now, from any process, or null. */
  holderOf(name: string): Promise<string | null>;
  close(): Promise<void>;
}
