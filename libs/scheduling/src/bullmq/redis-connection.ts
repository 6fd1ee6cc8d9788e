import { RedisOptions } from 'ioredis';

/** Reconnect for ever, backing off from 1 s to 20 s (BullMQ's production guidance). */
const reconnectBackoff = (times: number): number => Math.max(Math.min(Math.exp(times), 20_000), 1_000);

/** ioredis options from a redis:// or rediss:// URL; its path selects the logical database. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * For workers: a command waits for the connection to come back instead of failing
 * (`maxRetriesPerRequest: null`, which BullMQ requires for its blocking connections).
 */
export function workerConnection(url: string): RedisOptions {
  return { ...redisOptionsFromUrl(url), maxRetriesPerRequest: null, retryStrategy: reconnectBackoff };
}

/**
 * For producers that must not hang (an HTTP request, the CLI, the processor that retries from
 * its checkpoint): with Redis down a command fails at once (`enableOfflineQueue: false`).
 */
export function producerConnection(url: string): RedisOptions {
  return { ...redisOptionsFromUrl(url), enableOfflineQueue: false, retryStrategy: reconnectBackoff, connectTimeout: 5_000 };
}
