import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { bearer, newSignedInUser } from '../../../test/support/identity-client.ts';
import { rateLimitProbes } from '../../../test/support/probes/rate-limit-probes.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { registerAuthentication } from '../auth/authentication.ts';
import { ensureOperatorKey, operatorKeyAuthenticator } from '../auth/operator-keys.ts';
import { loadConfig } from '../config/config.ts';
import { installErrorHandling } from '../errors/error-handler.ts';
import { registerCredentialRateLimits, registerIpRateLimits } from './layers.ts';

type Response = { statusCode: number; headers: Record<string, unknown>; json(): any };

/** Shaped like an operator key, so the operator-key authenticator looks it up, and finds nothing. */
const WRONG_KEY = { 'x-keystone-key': `ks_operator_${'A'.repeat(43)}` };

const ipRemaining = (res: Response) => /^"ip";r=(\d+);/.exec(String(res.headers.ratelimit))?.[1];

function assertRefusedPerIp(res: Response) {
  assert.equal(res.statusCode, 429, JSON.stringify(res.json()));
  assert.equal(res.json().policy, 'ip');
  assert.equal(res.headers['ratelimit-policy'], '"ip";q=3;w=60');
}

/*
 * The per-IP limit (3 a minute here) guards requests without a valid credential;
 * authenticated traffic from one address is held to its credential's limit instead.
 */
describe('rate limits: per IP, for requests that present a credential', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ plugins: [rateLimitProbes], env: { KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: '3' } });
  });
  after(() => t.close());

  const get = (url: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, remoteAddress, headers });

  it('does not charge authenticated requests to the IP: many times its limit pass', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await get('/probe/rate-limit/private', '198.51.100.1', t.operator);
      assert.equal(res.statusCode, 200, `request ${i + 1}`);
      // The credential's policy is the one shown; the IP was only looked at.
      assert.equal(res.headers['ratelimit-policy'], '"credential";q=1200;w=60');
    }
    // The address's own bucket is untouched: an anonymous request from it still has the full quota.
    const anonymous = await get('/probe/rate-limit/public', '198.51.100.1');
    assert.equal(anonymous.statusCode, 200);
    assert.equal(ipRemaining(anonymous), '2');
  });

  it("holds an API key to its own limit, not the IP's", async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: t.operator,
      payload: { name: 'backend', scopes: ['admin'], rate_limit_per_minute: 8 },
    });
    assert.equal(created.statusCode, 201, created.body);
    const key = bearer(created.json().secret);
    const statuses = [];
    for (let i = 0; i < 10; i++) {
      const res = await get('/probe/rate-limit/private', '198.51.100.6', key);
      statuses.push(res.statusCode);
      if (res.statusCode === 200) assert.equal(res.headers['ratelimit-policy'], '"api-key";q=8;w=60');
      else assert.equal(res.json().policy, 'api-key');
    }
    assert.deepEqual(statuses, [...Array(8).fill(200), 429, 429]);
  });

  it('charges failed authentications to the IP, then refuses them before authentication', async () => {
    const address = '198.51.100.2';
    const wrong = [WRONG_KEY, bearer('not-a-token'), WRONG_KEY];
    for (const [i, headers] of wrong.entries()) {
      const res = await get('/probe/rate-limit/private', address, headers);
      assert.equal(res.statusCode, 401);
      // The charge shows on the 401 itself.
      assert.equal(ipRemaining(res), String(2 - i));
    }
    assertRefusedPerIp(await get('/probe/rate-limit/private', address, WRONG_KEY));
    // One bucket for the address: anonymous requests are refused too...
    assertRefusedPerIp(await get('/probe/rate-limit/public', address));
    // ...and so, while the address is over its limit, is a valid key from it (refused before any lookup).
    assertRefusedPerIp(await get('/probe/rate-limit/private', address, t.operator));
    // Other addresses are unaffected.
    assert.equal((await get('/probe/rate-limit/private', '198.51.100.3', WRONG_KEY)).statusCode, 401);
  });

  it('charges a valid credential the route refuses (403) to the IP', async () => {
    const user = await newSignedInUser(t.app);
    const address = '198.51.100.4';
    for (let i = 0; i < 3; i++) {
      const res = await get('/probe/rate-limit/operator', address, bearer(user.access_token));
      assert.equal(res.statusCode, 403);
      assert.equal(ipRemaining(res), String(2 - i));
    }
    assertRefusedPerIp(await get('/probe/rate-limit/operator', address, bearer(user.access_token)));
    // The operator, from elsewhere, is admitted and not charged per IP.
    const operator = await get('/probe/rate-limit/operator', '198.51.100.5', t.operator);
    assert.equal(operator.statusCode, 200);
    assert.equal(operator.headers['ratelimit-policy'], '"credential";q=1200;w=60');
  });
});

/**
 * The layers around authentication alone, with the real operator-key
 * authenticator wrapped so the test can count how often credentials are looked up.
 */
async function layersWithCountedAuthenticator(database: TestDatabase) {
  const config = loadConfig({ LOG_LEVEL: 'silent', KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: '2' });
  const app: FastifyInstance = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  const limits = await registerIpRateLimits(app, config);
  const operatorKeys = operatorKeyAuthenticator(database);
  const lookups = { count: 0 };
  registerAuthentication(app, [
    {
      name: 'counted-operator-key',
      authenticate(credential) {
        lookups.count += 1;
        return operatorKeys.authenticate(credential);
      },
    },
  ]);
  registerCredentialRateLimits(app, limits, config);
  await app.register(rateLimitProbes);
  await app.ready();
  return { app, lookups };
}

describe('rate limits: an address over its limit costs no credential lookups', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let lookups: { count: number };
  let operatorKey: string;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-rl-'));
  before(async () => {
    database = await openTestDatabase();
    operatorKey = (await ensureOperatorKey(database, { dataDir, fromEnv: undefined })).plaintext as string;
    ({ app, lookups } = await layersWithCountedAuthenticator(database));
  });
  after(async () => {
    await app.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('looks up bad credentials until the address is over, then refuses without looking', async () => {
    const send = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: '/probe/rate-limit/private', remoteAddress: '203.0.113.7', headers });
    assert.deepEqual([(await send(WRONG_KEY)).statusCode, (await send(WRONG_KEY)).statusCode], [401, 401]);
    assert.equal(lookups.count, 2);
    for (let i = 0; i < 5; i++) assert.equal((await send(WRONG_KEY)).statusCode, 429);
    assert.equal((await send({ 'x-keystone-key': operatorKey })).statusCode, 429);
    assert.equal(lookups.count, 2, 'no lookup once the address is over its limit');
  });

  it('looks up no more bad credentials than the limit when they arrive all at once', async () => {
    const before = lookups.count;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.inject({
          method: 'GET',
          url: '/probe/rate-limit/private',
          remoteAddress: '203.0.113.9',
          headers: WRONG_KEY,
        }),
      ),
    );
    const statuses = answers.map((res) => res.statusCode).sort();
    assert.deepEqual(statuses, [401, 401, ...Array(18).fill(429)]);
    assert.equal(lookups.count - before, 2);
  });

  it('looks up (and admits) a valid key on every request from a fresh address, past the IP limit', async () => {
    const before = lookups.count;
    for (let i = 0; i < 10; i++) {
      const res = await app.inject({
        method: 'GET',
        url: '/probe/rate-limit/private',
        remoteAddress: '203.0.113.8',
        headers: { 'x-keystone-key': operatorKey },
      });
      assert.equal(res.statusCode, 200);
    }
    assert.equal(lookups.count - before, 10);
  });
});
