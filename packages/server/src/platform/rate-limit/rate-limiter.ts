import type { FastifyBaseLogger } from 'fastify';
import type { MaybePromise } from '../http/sync-hook.ts';
import { describe, type RateLimitDecision, type RateLimitPolicy } from './gcra.ts';
import { createMemoryStore } from './memory-store.ts';
import { createRedisStore } from './redis-store.ts';
import type { RateLimitStore } from './store.ts';

export type RateLimiter = {
  /** Counts one request against `key` under `policy` and says whether it may proceed. */
  consume(key: string, policy: RateLimitPolicy): MaybePromise<RateLimitDecision>;
  /** What `consume` would answer now, without counting the request (the key is left as it is). */
  peek(key: string, policy: RateLimitPolicy): MaybePromise<RateLimitDecision>;
  /** Which store answered the last request ('memory' while Redis is down). */
  readonly activeStore: 'memory' | 'redis';
  close(): Promise<void>;
};

export type RateLimiterOptions = {
  redisUrl: string | undefined;
  redisPrefix: string;
  log: FastifyBaseLogger;
  now?: () => number;
};

/**
 * The store behind the layers: in memory by default; with REDIS_URL, Redis
 * shared by every process. When Redis fails (down at start, connection lost, a
 * command timing out) a request is never answered 500: it is counted in this
 * process's memory store instead, with one warning when that starts and one
 * info line when Redis answers again. During such an outage each process
 * enforces the limit on its own, so a client may get up to N× the limit across
 * N processes.
 */
export async function createRateLimiter(options: RateLimiterOptions): Promise<RateLimiter> {
  const now = options.now ?? Date.now;
  const memory = createMemoryStore();
  let degraded = false;
  let active: 'memory' | 'redis' = 'memory';

  const enterFallback = (error: Error) => {
    if (degraded) return;
    degraded = true;
    options.log.warn(
      { err: { message: error.message } },
      'rate limits: Redis is unreachable; counting in this process only until it answers again',
    );
  };

  let redis: (RateLimitStore & { ready: Promise<void> }) | undefined;
  if (options.redisUrl) {
    redis = createRedisStore({
      url: options.redisUrl,
      prefix: options.redisPrefix,
      onConnectionError: enterFallback,
    });
    // Wait for the first connection so the first requests already share the limit; never fail start-up.
    await redis.ready.catch(enterFallback);
  }

  type Operation = 'hit' | 'peek';
  const fromMemory = (operation: Operation, key: string, policy: RateLimitPolicy, at: number) => {
    active = 'memory';
    return describe(policy, memory[operation](key, policy, at), at);
  };
  const fromRedis = async (
    store: RateLimitStore,
    operation: Operation,
    key: string,
    policy: RateLimitPolicy,
    at: number,
  ) => {
    try {
      const outcome = await store[operation](key, policy, at);
      if (degraded) {
        degraded = false;
        options.log.info('rate limits: Redis answers again; limits are shared across processes');
      }
      active = 'redis';
      return describe(policy, outcome, at);
    } catch (error) {
      enterFallback(error as Error);
      return fromMemory(operation, key, policy, at);
    }
  };
  const decide = (operation: Operation, key: string, policy: RateLimitPolicy) => {
    const at = now();
    return redis ? fromRedis(redis, operation, key, policy, at) : fromMemory(operation, key, policy, at);
  };

  return {
    get activeStore() {
      return active;
    },
    consume: (key, policy) => decide('hit', key, policy),
    peek: (key, policy) => decide('peek', key, policy),
    async close() {
      await redis?.close();
      await memory.close();
    },
  };
}
