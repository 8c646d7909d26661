import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis tests use: 127.0.0.1:6379 unless KEYSTONE_TEST_REDIS_URL says otherwise. */
export const TEST_REDIS_URL = process.env.KEYSTONE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * For `describe(name, { skip: await skipWithoutRedis() }, ...)`: false when Redis
 * answers, a reason to skip when it does not, and under CI a failure instead.
 */
export async function skipWithoutRedis(): Promise<string | false> {
  if (await redisReachable()) return false;
  const reason = `Redis is not reachable at ${TEST_REDIS_URL} (set KEYSTONE_TEST_REDIS_URL)`;
  if (process.env.CI) throw new Error(`${reason}; CI needs it`);
  process.stderr.write(`warning: ${reason}; skipping\n`);
  return reason;
}

/** A key prefix no other test (or test run) shares, so runs never see each other's counters. */
export function uniqueRedisPrefix(label: string): string {
  return `keystone-test:${label}:${process.pid}:${randomBytes(6).toString('hex')}:`;
}

/** Deletes every key under a prefix (tests clean up after themselves; keys also expire on their own). */
export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
