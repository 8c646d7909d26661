import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serverBackendEnv } from '../../../test/support/server-backend-env.ts';
import { type SpawnedServer, spawnServer } from '../../../test/support/spawn-server.ts';
import {
  deleteRedisPrefix,
  skipWithoutRedis,
  TEST_REDIS_URL,
  uniqueRedisPrefix,
} from '../../../test/support/test-redis.ts';
import { issueSecret } from '../crypto/secret-hash.ts';

const LIMIT = 4;
/** One operator key for both processes (each inserts it into its database). */
const OPERATOR_KEY = issueSecret('ks_operator').plaintext;
const WRONG_KEY = `ks_operator_${'A'.repeat(43)}`;
/** Generous: starting a server process is slow on a busy machine. */
const START_TIMEOUT_MS = 110_000;

/*
 * The acceptance test for shared limits: two real server processes, one Redis.
 * A limit of 4 per minute earns a request back every 15 s, far longer than
 * this test's burst, so the count is exact: 4 in total, not 4 per process.
 */
describe('rate limits shared through Redis by two server processes', {
  skip: await skipWithoutRedis(),
}, () => {
  const prefix = uniqueRedisPrefix('rl-shared');
  let backend: Awaited<ReturnType<typeof serverBackendEnv>>;
  let servers: SpawnedServer[] = [];

  before(async () => {
    backend = await serverBackendEnv();
    const shared = {
      REDIS_URL: TEST_REDIS_URL,
      KEYSTONE_RATE_LIMIT_PREFIX: prefix,
      KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: String(LIMIT),
      KEYSTONE_OPERATOR_KEY: OPERATOR_KEY,
      // The tests below pick their client address with X-Forwarded-For; without it the address is 127.0.0.1.
      KEYSTONE_TRUST_PROXY: 'true',
      // Warnings on, so a fallback to per-process memory would show in the output.
      LOG_LEVEL: 'warn',
    };
    // Started together (on PostgreSQL the migration lock sorts out who migrates).
    const envs = [await backend.next(), await backend.next()];
    const started = await Promise.allSettled(
      envs.map((env) => spawnServer({ ...env, ...shared }, START_TIMEOUT_MS)),
    );
    for (const result of started) if (result.status === 'fulfilled') servers.push(result.value);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
  });

  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    servers = [];
    await backend.cleanup();
    await deleteRedisPrefix(prefix);
  });

  it('allows the one limit in total across both, whichever process answers', async () => {
    const answers: Array<{ server: number; status: number; ratelimit: string | null }> = [];
    for (let i = 0; i < 3 * LIMIT; i++) {
      const server = i % 2;
      const response = await fetch(`${servers[server]!.url}/probe/rate-limit/public`);
      await response.arrayBuffer();
      answers.push({ server, status: response.status, ratelimit: response.headers.get('ratelimit') });
    }
    const allowed = answers.filter((a) => a.status === 200);
    assert.equal(allowed.length, LIMIT, JSON.stringify(answers));
    // The first LIMIT requests pass (alternating between the processes), then both refuse.
    assert.deepEqual(
      answers.map((a) => a.status),
      [...Array(LIMIT).fill(200), ...Array(2 * LIMIT).fill(429)],
    );
    // Each process saw the other's requests: the remaining count falls across both.
    allowed.forEach((a, i) => {
      const match = /^"ip";r=(\d+);t=(\d+)$/.exec(String(a.ratelimit));
      assert.ok(match, `RateLimit: ${a.ratelimit}`);
      assert.equal(Number(match[1]), LIMIT - 1 - i);
      // 15 s more to a full quota per request spent (less whatever time the test itself took).
      const t = Number(match[2]);
      assert.ok(t <= 15 * (i + 1) && t > 15 * i, `RateLimit: ${a.ratelimit}`);
    });
    for (const server of servers) assert.doesNotMatch(server.output(), /Redis is unreachable/);
  });

  it('shares the per-IP look and charge for requests that present a credential', async () => {
    const statuses = async (address: string, key: string, path = '/probe/rate-limit/private') => {
      const seen = [];
      for (let i = 0; i < 3 * LIMIT; i++) {
        const response = await fetch(`${servers[i % 2]!.url}${path}`, {
          headers: { 'x-forwarded-for': address, 'x-keystone-key': key },
        });
        await response.arrayBuffer();
        seen.push(response.status);
      }
      return seen;
    };
    // A valid key, alternating between the processes, passes at three times the IP limit.
    assert.deepEqual(await statuses('203.0.113.10', OPERATOR_KEY), Array(3 * LIMIT).fill(200));
    // Bad keys: the IP is charged for each failure in either process, then both refuse before looking.
    assert.deepEqual(await statuses('203.0.113.11', WRONG_KEY), [
      ...Array(LIMIT).fill(401),
      ...Array(2 * LIMIT).fill(429),
    ]);
    // The authenticated address's bucket was never charged: anonymous requests from it get the full quota.
    const anonymous = await fetch(`${servers[1]!.url}/probe/rate-limit/public`, {
      headers: { 'x-forwarded-for': '203.0.113.10' },
    });
    await anonymous.arrayBuffer();
    assert.equal(anonymous.status, 200);
    assert.match(String(anonymous.headers.get('ratelimit')), new RegExp(`^"ip";r=${LIMIT - 1};`));
    for (const server of servers) assert.doesNotMatch(server.output(), /Redis is unreachable/);
  });
});
