/**
 * What every event store session sets before its first statement. Each of the store's statements
 * is a short lookup by index (a stream, a page of positions, an event id). Where the planner has
 * no statistics or stale ones (a bulk load, a server with autovacuum off), it can cost reading one
 * stream as a parallel bitmap scan with JIT compilation: on 10M events that took 80-150 ms where
 * an index scan takes 0.1 ms. Neither parallel query nor JIT helps any statement here, so both
 * are off for these sessions only; the read models' connections keep the server's settings.
 */
export const EVENT_STORE_SESSION_SETTINGS = 'SET jit = off; SET max_parallel_workers_per_gather = 0';

export interface SessionClient {
  query(text: string): Promise<unknown>;
}

/** Applies the settings; the pool calls it on each new connection, before any other statement. */
export async function prepareEventStoreSession(client: SessionClient): Promise<void> {
  await client.query(EVENT_STORE_SESSION_SETTINGS);
}
