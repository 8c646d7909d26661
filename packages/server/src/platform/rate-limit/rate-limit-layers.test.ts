import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { rateLimitProbes } from '../../../test/support/probes/rate-limit-probes.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { ConfigError, loadConfig } from '../config/config.ts';

type Response = { statusCode: number; headers: Record<string, unknown>; json(): any };

/**
 * Checks a RateLimit field. `r` is exact; `t` (seconds to a full quota) is
 * `fullAfter` when measured at the first request and falls as the test runs,
 * so it is only checked to lie within one interval of that.
 */
function assertRateLimitField(
  value: unknown,
  policy: string,
  remaining: number,
  fullAfter: number,
  interval: number,
) {
  const match = /^"([a-z-]+)";r=(\d+);t=(\d+)$/.exec(String(value));
  assert.ok(match, `RateLimit: ${value}`);
  assert.equal(match[1], policy);
  assert.equal(Number(match[2]), remaining, `remaining in ${value}`);
  const t = Number(match[3]);
  assert.ok(t <= fullAfter && t > fullAfter - interval, `reset in ${value}, expected about ${fullAfter}`);
}

/** A 429 problem; Retry-After is at most one interval (the time to earn one request back). */
function assertRateLimited(res: Response, policy: string, interval: number) {
  assert.equal(res.statusCode, 429);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json();
  assert.equal(body.code, 'rate_limited');
  assert.equal(body.status, 429);
  assert.equal(body.policy, policy);
  const retryAfter = Number(res.headers['retry-after']);
  assert.ok(
    Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= interval,
    `Retry-After ${retryAfter}`,
  );
  assertRateLimitField(res.headers.ratelimit, policy, 0, 60 * 60, 60 * 60);
}

const signIn = (
  t: TestApp,
  email: string,
  remoteAddress = '198.51.100.1',
  url = '/probe/rate-limit/sign-in',
) => t.app.inject({ method: 'POST', url, remoteAddress, payload: { email, password: 'hunter2' } });

/*
 * Limits here are a few per minute: GCRA earns one request back every
 * 60/limit seconds, far longer than these tests take, so counts are exact.
 */
describe('rate limits: per IP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ plugins: [rateLimitProbes], env: { KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: '3' } });
  });
  after(() => t.close());

  it('advertises the policy, counts down, then answers 429 with Retry-After', async () => {
    const seen = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/probe/rate-limit/public' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['ratelimit-policy'], '"ip";q=3;w=60');
      seen.push(res.headers.ratelimit);
    }
    // One interval (20 s) per request spent until the bucket is full again.
    for (const [i, value] of seen.entries()) assertRateLimitField(value, 'ip', 2 - i, 20 * (i + 1), 20);
    const refused = await t.app.inject({ method: 'GET', url: '/probe/rate-limit/public' });
    assertRateLimited(refused, 'ip', 20);
    assert.equal(refused.headers['ratelimit-policy'], '"ip";q=3;w=60');
  });

  it('counts unknown routes too, but never health checks', async () => {
    const notFound = await t.app.inject({ method: 'GET', url: '/no/such/route' });
    assertRateLimited(notFound, 'ip', 20);
    for (const url of ['/healthz', '/readyz']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers.ratelimit, undefined);
    }
  });

  it('keeps other addresses apart, and refuses before authentication', async () => {
    const other = await t.app.inject({
      method: 'GET',
      url: '/probe/rate-limit/public',
      remoteAddress: '192.0.2.9',
    });
    assert.equal(other.statusCode, 200);
    assertRateLimitField(other.headers.ratelimit, 'ip', 2, 20, 20);
    // A bad credential from the limited address is refused by the limit, not even looked up.
    const bad = await t.app.inject({
      method: 'GET',
      url: '/probe/rate-limit/private',
      headers: { 'x-keystone-key': `ks_operator_${'A'.repeat(43)}` },
    });
    assertRateLimited(bad, 'ip', 20);
  });
});

describe('rate limits: per credential', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      plugins: [rateLimitProbes],
      env: { KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: '100', KEYSTONE_RATE_LIMIT_CREDENTIAL_PER_MINUTE: '2' },
    });
  });
  after(() => t.close());

  it('limits a credential wherever it calls from, and shows the most restrictive layer', async () => {
    const call = (remoteAddress: string) =>
      t.app.inject({ method: 'GET', url: '/probe/rate-limit/private', headers: t.operator, remoteAddress });
    const first = await call('198.51.100.1');
    assert.equal(first.statusCode, 200);
    // Both layers applied; the credential (1 left of 2) is tighter than the IP (99 of 100).
    assert.equal(first.headers['ratelimit-policy'], '"credential";q=2;w=60');
    assertRateLimitField(first.headers.ratelimit, 'credential', 1, 30, 30);
    assert.equal((await call('198.51.100.2')).statusCode, 200);
    assertRateLimited(await call('198.51.100.3'), 'credential', 30);
  });

  it('leaves unauthenticated requests to the IP layer', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/probe/rate-limit/public',
      remoteAddress: '198.51.100.1',
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['ratelimit-policy'], '"ip";q=100;w=60');
  });
});

describe('rate limits: per IP + identifier', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      plugins: [rateLimitProbes],
      env: { KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: '100', KEYSTONE_RATE_LIMIT_IDENTIFIER_PER_MINUTE: '2' },
    });
  });
  after(() => t.close());

  it('limits attempts per identifier from one address', async () => {
    const first = await signIn(t, 'ada@example.com');
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['ratelimit-policy'], '"ip-identifier";q=2;w=60');
    assertRateLimitField(first.headers.ratelimit, 'ip-identifier', 1, 30, 30);
    assert.equal((await signIn(t, 'ada@example.com')).statusCode, 200);
    assertRateLimited(await signIn(t, 'ada@example.com'), 'ip-identifier', 30);
    // The same identifier spelled differently is the same identifier.
    assertRateLimited(await signIn(t, '  ADA@Example.com '), 'ip-identifier', 30);
  });

  it('keeps each identifier, and each address, independent', async () => {
    assert.equal((await signIn(t, 'grace@example.com')).statusCode, 200);
    assert.equal((await signIn(t, 'grace@example.com')).statusCode, 200);
    assert.equal((await signIn(t, 'ada@example.com', '198.51.100.77')).statusCode, 200);
  });

  it('counts attempts before validation, so malformed ones are refused too', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/probe/rate-limit/sign-in',
      remoteAddress: '198.51.100.1',
      payload: { email: 'ada@example.com' },
    });
    assertRateLimited(malformed, 'ip-identifier', 30);
    // Without an identifier only the per-IP layer applies (and validation answers).
    const noEmail = await t.app.inject({
      method: 'POST',
      url: '/probe/rate-limit/sign-in',
      remoteAddress: '198.51.100.1',
      payload: { password: 'x' },
    });
    assert.equal(noEmail.statusCode, 400);
    assert.match(String(noEmail.headers['ratelimit-policy']), /^"ip";/);
  });

  it("honours a route's own limit and window, separately from other routes", async () => {
    const url = '/probe/rate-limit/reset-password';
    const first = await signIn(t, 'ada@example.com', '198.51.100.1', url);
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['ratelimit-policy'], '"ip-identifier";q=2;w=3600');
    assert.equal((await signIn(t, 'ada@example.com', '198.51.100.1', url)).statusCode, 200);
    assertRateLimited(await signIn(t, 'ada@example.com', '198.51.100.1', url), 'ip-identifier', 1800);
  });
});

describe('rate limits: Redis unreachable', () => {
  it('answers from the in-memory store with a warning, never a 500', async () => {
    const logs = new PassThrough();
    let logged = '';
    logs.on('data', (chunk) => {
      logged += chunk;
    });
    const t = await startTestApp({
      plugins: [rateLimitProbes],
      logStream: logs,
      env: { REDIS_URL: 'redis://127.0.0.1:1', KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: '2', LOG_LEVEL: 'warn' },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await t.app.inject({ method: 'GET', url: '/probe/rate-limit/public' })).statusCode);
      }
      assert.deepEqual(statuses, [200, 200, 429]);
      assert.match(logged, /Redis is unreachable/);
    } finally {
      await t.close();
    }
  });
});

describe('rate limits: configuration', () => {
  it('refuses a bad limit with one line naming the variable', () => {
    for (const [variable, value] of [
      ['KEYSTONE_RATE_LIMIT_IP_PER_MINUTE', '-1'],
      ['KEYSTONE_RATE_LIMIT_CREDENTIAL_PER_MINUTE', 'lots'],
      ['KEYSTONE_RATE_LIMIT_IDENTIFIER_PER_MINUTE', '2.5'],
    ] as const) {
      assert.throws(
        () => loadConfig({ [variable]: value }),
        (error) => error instanceof ConfigError && error.message.includes(variable),
      );
    }
    const defaults = loadConfig({}).rateLimits;
    assert.deepEqual(defaults, {
      ipPerMinute: 600,
      identifierPerMinute: 10,
      credentialPerMinute: 1200,
      redisPrefix: 'keystone:ratelimit:',
    });
  });
});
