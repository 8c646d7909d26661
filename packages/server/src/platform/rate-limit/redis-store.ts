import { Redis } from 'ioredis';
import { emissionIntervalMs, peek, type RateLimitPolicy } from './gcra.ts';
import type { RateLimitStore } from './store.ts';

/**
 * GCRA `step` (gcra.ts) in Lua, so read-decide-write is one atomic operation
 * on the Redis server: any number of Keystone processes share one limit.
 * Whole milliseconds throughout, formatted with %.0f (Lua numbers are doubles).
 * The key expires when its bucket is full again, so idle keys cost nothing.
 */
const GCRA_LUA = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local stored = tonumber(redis.call('GET', KEYS[1]))
local tat = now
if stored and stored > now then tat = stored end
local nxt = tat + interval
if nxt - now > burst then return {0, string.format('%.0f', tat)} end
redis.call('SET', KEYS[1], string.format('%.0f', nxt), 'PX', string.format('%.0f', nxt - now))
return {1, string.format('%.0f', nxt)}
`;

type GcraRedis = Redis & {
  keystoneGcra(key: string, now: number, interval: number, burst: number): Promise<[number, string]>;
};

export type RedisStoreOptions = {
  url: string;
  /** Prepended to every key, so several deployments (or test runs) can share one Redis. */
  prefix: string;
  /** How long a command may take before the request falls back to the memory store. */
  commandTimeoutMs?: number;
  onConnectionError?: (error: Error) => void;
};

export type RedisStore = RateLimitStore & {
  /** Resolves once connected, or rejects if the first attempt fails (reconnects continue). */
  ready: Promise<void>;
};

/**
 * Commands fail fast instead of queueing while Redis is down (no offline queue,
 * no retries, a short timeout): the caller falls back to memory for that
 * request rather than making it wait. ioredis keeps reconnecting in the background.
 */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  const redis = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
    scripts: { keystoneGcra: { lua: GCRA_LUA, numberOfKeys: 1 } },
  }) as GcraRedis;
  redis.on('error', (error: Error) => options.onConnectionError?.(error));
  const ready = redis.connect();
  // Callers decide whether to wait; an unobserved rejection must not crash the process.
  ready.catch(() => {});

  return {
    kind: 'redis',
    ready,
    async hit(key: string, policy: RateLimitPolicy, nowMs: number) {
      const interval = emissionIntervalMs(policy);
      const [allowed, tat] = await redis.keystoneGcra(
        `${options.prefix}${key}`,
        Math.floor(nowMs),
        interval,
        interval * policy.limit,
      );
      return { allowed: allowed === 1, tat: Number(tat) };
    },
    // A plain GET: nothing is written, so no script is needed to keep it atomic.
    async peek(key: string, policy: RateLimitPolicy, nowMs: number) {
      const stored = Number(await redis.get(`${options.prefix}${key}`));
      // A missing key reads as null (0 here), which, like the script's tonumber(nil), means "new".
      return peek(stored > 0 ? stored : undefined, policy, Math.floor(nowMs));
    },
    async close() {
      if (redis.status === 'end') return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
