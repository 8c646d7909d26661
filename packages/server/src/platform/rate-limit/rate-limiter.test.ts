import assert from 'node:assert/strict';
import net from 'node:net';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import pino from 'pino';
import {
  deleteRedisPrefix,
  skipWithoutRedis,
  TEST_REDIS_URL,
  uniqueRedisPrefix,
} from '../../../test/support/test-redis.ts';
import type { RateLimitPolicy } from './gcra.ts';
import { createRateLimiter } from './rate-limiter.ts';

const policy: RateLimitPolicy = { name: 'test', limit: 3, windowSeconds: 60 };

/** A logger whose JSON lines the test can read. */
function capturedLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

/** A TCP relay to the real Redis that the test can cut and restore, to stage an outage. */
async function redisRelay() {
  const target = new URL(TEST_REDIS_URL);
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      const relay = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 6379), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => {});
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server = relay;
      relay.listen(port, '127.0.0.1', () => {
        port = (relay.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    url: () => `redis://127.0.0.1:${port}`,
    async cut() {
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    restore: listen,
  };
}

const waitUntil = async (what: string, condition: () => Promise<boolean>) => {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`timed out waiting until ${what}`);
};

const skipRedis = await skipWithoutRedis();

describe('rate limiter store fallback', () => {
  it('with Redis unreachable from the start, limits in memory and warns once', async () => {
    const { log, lines } = capturedLogger();
    const limiter = await createRateLimiter({ redisUrl: 'redis://127.0.0.1:1', redisPrefix: 'x:', log });
    try {
      const decisions = [];
      for (let i = 0; i < 5; i++) decisions.push(await limiter.consume('k', policy));
      assert.deepEqual(
        decisions.map((d) => d.allowed),
        [true, true, true, false, false],
      );
      assert.equal(limiter.activeStore, 'memory');
      // Peeks fall back the same way, and see the memory store's counts.
      assert.equal((await limiter.peek('k', policy)).allowed, false);
      assert.equal((await limiter.peek('fresh', policy)).remaining, policy.limit - 1);
      const warnings = lines.filter((l) => l.level === 40 && /Redis is unreachable/.test(l.msg));
      assert.equal(warnings.length, 1);
    } finally {
      await limiter.close();
    }
  });

  describe('with Redis', { skip: skipRedis }, () => {
    const prefix = uniqueRedisPrefix('rl-fallback');
    after(() => deleteRedisPrefix(prefix));

    it('survives losing Redis mid-run and goes back to it when it returns', async () => {
      const relay = await redisRelay();
      const { log, lines } = capturedLogger();
      const limiter = await createRateLimiter({ redisUrl: relay.url(), redisPrefix: prefix, log });
      try {
        assert.equal((await limiter.consume('k', policy)).allowed, true);
        assert.equal(limiter.activeStore, 'redis');

        await relay.cut();
        // Never an exception: the request is decided by this process's memory store.
        const during = await limiter.consume('k', policy);
        assert.equal(during.allowed, true);
        assert.equal((await limiter.peek('k', policy)).allowed, true);
        assert.equal(limiter.activeStore, 'memory');
        assert.ok(lines.some((l) => l.level === 40 && /Redis is unreachable/.test(l.msg)));

        await relay.restore();
        await waitUntil('Redis is used again', async () => {
          await limiter.consume('other', policy);
          return limiter.activeStore === 'redis';
        });
        // The Redis counter kept its one earlier hit: two more are allowed, then none.
        const back = [];
        for (let i = 0; i < 3; i++) back.push((await limiter.consume('k', policy)).allowed);
        assert.deepEqual(back, [true, true, false]);
        assert.ok(lines.some((l) => l.level === 30 && /Redis answers again/.test(l.msg)));
      } finally {
        await limiter.close();
        await relay.cut();
      }
    });
  });
});
