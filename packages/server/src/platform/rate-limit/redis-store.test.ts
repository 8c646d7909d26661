import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import {
  deleteRedisPrefix,
  skipWithoutRedis,
  TEST_REDIS_URL,
  uniqueRedisPrefix,
} from '../../../test/support/test-redis.ts';
import type { RateLimitPolicy } from './gcra.ts';
import { createMemoryStore } from './memory-store.ts';
import { createRedisStore, type RedisStore } from './redis-store.ts';

const T0 = 1_700_000_000_000;
const policy = (limit: number, windowSeconds = 60): RateLimitPolicy => ({
  name: 'test',
  limit,
  windowSeconds,
});

describe('Redis rate-limit store', { skip: await skipWithoutRedis() }, () => {
  const prefixes: string[] = [];
  const stores: RedisStore[] = [];
  async function store(prefix = uniqueRedisPrefix('rl-store')): Promise<RedisStore> {
    prefixes.push(prefix);
    const created = createRedisStore({ url: TEST_REDIS_URL, prefix });
    stores.push(created);
    await created.ready;
    return created;
  }
  after(async () => {
    for (const s of stores) await s.close();
    for (const prefix of prefixes) await deleteRedisPrefix(prefix);
  });

  it('decides exactly as the in-memory store (the Lua script is the same GCRA)', async () => {
    const redis = await store();
    const memory = createMemoryStore();
    const schedule = [0, 0, 0, 1, 5_000, 8_571, 8_572, 8_573, 20_000, 20_000, 60_000, 600_000, 600_000];
    for (const p of [policy(7), policy(3, 10), policy(1, 1)]) {
      for (const offset of schedule) {
        const key = `conformance:${p.limit}:${p.windowSeconds}`;
        const fromRedis = await redis.hit(key, p, T0 + offset);
        const fromMemory = await memory.hit(key, p, T0 + offset);
        assert.deepEqual(fromRedis, fromMemory, `policy ${p.limit}/${p.windowSeconds}s at +${offset} ms`);
      }
    }
  });

  it('peeks as the in-memory store does, and a peek writes nothing', async () => {
    const prefix = uniqueRedisPrefix('rl-peek');
    const redis = await store(prefix);
    const memory = createMemoryStore();
    const p = policy(3);
    // Interleaved hits and peeks: both stores agree at every step, and the peeks spend nothing.
    const schedule: Array<['hit' | 'peek', number]> = [
      ['peek', 0],
      ['hit', 0],
      ['peek', 0],
      ['peek', 0],
      ['hit', 0],
      ['hit', 0],
      ['peek', 1],
      ['hit', 1],
      ['peek', 19_999],
      ['peek', 20_000],
      ['hit', 20_000],
      ['peek', 20_001],
    ];
    for (const [operation, offset] of schedule) {
      const fromRedis = await redis[operation]('k', p, T0 + offset);
      const fromMemory = memory[operation]('k', p, T0 + offset);
      assert.deepEqual(fromRedis, fromMemory, `${operation} at +${offset} ms`);
    }
    const raw = new Redis(TEST_REDIS_URL);
    try {
      assert.deepEqual(await redis.peek('never-hit', p, T0), { allowed: true, tat: T0 + 20_000 });
      assert.equal(await raw.exists(`${prefix}never-hit`), 0);
    } finally {
      raw.disconnect();
    }
  });

  it('is atomic: concurrent hits from several clients never exceed the limit', async () => {
    const prefix = uniqueRedisPrefix('rl-atomic');
    const clients = [await store(prefix), await store(prefix), await store(prefix)];
    const p = policy(10);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => clients[i % clients.length]!.hit('shared', p, T0)),
    );
    assert.equal(results.filter((r) => r.allowed).length, 10);
  });

  it('expires a key once its bucket is full again, and keeps prefixes apart', async () => {
    const prefix = uniqueRedisPrefix('rl-ttl');
    const s = await store(prefix);
    await s.hit('k', policy(4, 60), T0); // one of four spent: full again in 15 s
    const raw = new Redis(TEST_REDIS_URL);
    try {
      const ttl = await raw.pttl(`${prefix}k`);
      assert.ok(ttl > 0 && ttl <= 15_000, `pttl ${ttl}`);
    } finally {
      raw.disconnect();
    }
    const other = await store();
    assert.equal((await other.hit('k', policy(1), T0)).allowed, true);
    assert.equal((await other.hit('k', policy(1), T0)).allowed, false);
    assert.equal((await s.hit('k', policy(4, 60), T0)).allowed, true);
  });
});
