import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { testRedisUrl } from '../../support/services';

/**
 * Each deadline test file owns one logical Redis database (the server is shared with other
 * suites). The numbers are this folder's: keep them distinct.
 */
export const REDIS_DBS = {
  contract: 9,
  exactlyOnce: 10,
  flushed: 11,
  workerKilled: 12,
  badPayload: 13,
  adminApi: 14,
  workerApp: 15,
} as const;

export function redisUrlFor(db: number): string {
  const url = new URL(testRedisUrl());
  url.pathname = `/${db}`;
  return url.toString();
}

/**
 * A key prefix of this run's own. The shared machine may run the same file twice at once (two
 * people's `npm test`): a FLUSHDB by one would wipe the other's queue mid-test, so each run
 * names its keys apart and deletes only those.
 */
export function runPrefix(name: string): string {
  return `${name}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under `<prefix>:` in this database: for the queue, Redis lost everything. */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) deleted += await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    client.disconnect();
  }
}
