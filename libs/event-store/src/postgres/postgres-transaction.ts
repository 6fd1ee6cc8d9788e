import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in a transaction on a pooled connection. If COMMIT itself fails (the connection
 * drops), the work may or may not have landed: callers of append then see
 * EventStoreUnavailableError, and resending the same event ids is safe either way.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // pg-pool listens for errors only on idle clients. A checked-out one that loses its
  // connection between two queries would emit an unhandled 'error' and crash the process;
  // with this listener the next query fails instead, and is reported as unavailable.
  const ignore = () => undefined;
  client.on('error', ignore);
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is discarded rather than returned to the pool.
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.removeListener('error', ignore);
    client.release(broken);
  }
}
