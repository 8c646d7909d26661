import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { INSTANCE_TENANT_ID } from '../../../platform/db/instance-tenant.ts';
import { withTenant } from '../../../platform/db/tenant-scope.ts';
import { createKey } from './api-key-fixtures.ts';
import { publishableProbe } from './publishable-probe.ts';

const CONFIGURED = 'https://console.example.com';
// Short, so a revocation by another process shows within the test without a long wait.
const REFRESH_MS = 200;

/** CORS answers the origins of live publishable keys, with no server configuration change. */
describe('CORS for publishable keys’ origins', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      plugins: [publishableProbe],
      env: { KEYSTONE_CORS_ORIGINS: CONFIGURED, KEYSTONE_CORS_KEY_ORIGINS_REFRESH_MS: String(REFRESH_MS) },
    });
  });
  after(() => t.close());

  const publishableKey = (origins: string[]) =>
    createKey(t.app, '/v1/api-keys', t.operator, {
      name: 'web app',
      kind: 'publishable',
      scopes: ['flags:evaluate'],
      flags_environment: 'development',
      allowed_origins: origins,
    });

  const preflight = (origin: string) =>
    t.app.inject({
      method: 'OPTIONS',
      url: '/probe/publishable',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-keystone-key',
      },
    });

  it('answers a preflight from a key’s origin (no credentials), and refuses other origins', async () => {
    const origin = 'https://app.customer-one.example';
    await publishableKey([origin, 'https://www.customer-one.example']);
    const allowed = await preflight(origin);
    assert.equal(allowed.statusCode, 204, allowed.body);
    assert.equal(allowed.headers['access-control-allow-origin'], origin);
    assert.equal(allowed.headers['access-control-allow-credentials'], undefined);
    assert.match(String(allowed.headers['access-control-allow-headers']), /x-keystone-key/);
    assert.match(String(allowed.headers['access-control-allow-methods']), /GET/);
    assert.match(String(allowed.headers.vary), /Origin/);

    const other = await preflight('https://evil.example');
    assert.equal(other.statusCode, 403, other.body);
    assert.equal(other.json().code, 'forbidden');
    assert.equal(other.headers['access-control-allow-origin'], undefined);

    // Configured origins keep credentials (identity's cookie mode).
    const configured = await preflight(CONFIGURED);
    assert.equal(configured.statusCode, 204);
    assert.equal(configured.headers['access-control-allow-credentials'], 'true');
  });

  it('lets the real request through from the key’s origin; the key itself still refuses other origins', async () => {
    const origin = 'https://app.customer-two.example';
    const key = await publishableKey([origin]);
    const ok = await t.app.inject({
      method: 'GET',
      url: '/probe/publishable',
      headers: { origin, 'x-keystone-key': key.secret },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { key_id: key.id });
    assert.equal(ok.headers['access-control-allow-origin'], origin);
    assert.match(String(ok.headers['access-control-expose-headers']), /ratelimit/);

    // Another key's origin passes CORS, but this key is not allowed there.
    const elsewhere = 'https://app.customer-three.example';
    await publishableKey([elsewhere]);
    const refused = await t.app.inject({
      method: 'GET',
      url: '/probe/publishable',
      headers: { origin: elsewhere, 'x-keystone-key': key.secret },
    });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.match(refused.json().detail, /origin/);
    // The problem is readable by the page (CORS headers survive the error), so the app can show why.
    assert.equal(refused.headers['access-control-allow-origin'], elsewhere);
  });

  it('stops allowing the origin once the key is revoked here (at once) or elsewhere (within the refresh)', async () => {
    const here = 'https://revoked-here.example';
    const key = await publishableKey([here]);
    assert.equal((await preflight(here)).statusCode, 204);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${key.id}`,
      headers: t.operator,
    });
    assert.equal(revoked.statusCode, 204, revoked.body);
    assert.equal((await preflight(here)).statusCode, 403);

    // Another process revokes: this one learns it on its next re-read.
    const there = 'https://revoked-elsewhere.example';
    const other = await publishableKey([there]);
    assert.equal((await preflight(there)).statusCode, 204);
    await withTenant(t.database, INSTANCE_TENANT_ID, (scope) =>
      scope.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', other.id).execute(),
    );
    let status = 204;
    for (let waited = 0; status === 204 && waited < 50 * REFRESH_MS; waited += REFRESH_MS / 4) {
      await new Promise((resolve) => setTimeout(resolve, REFRESH_MS / 4));
      status = (await preflight(there)).statusCode;
    }
    assert.equal(status, 403, 'the revoked key’s origin is refused after a re-read');
  });

  it('leaves requests without an Origin alone: no CORS headers, no Vary', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    for (const header of ['access-control-allow-origin', 'access-control-allow-credentials', 'vary'])
      assert.equal(res.headers[header], undefined, header);
    // An OPTIONS that is not a preflight is an unknown route, not an open door.
    const options = await t.app.inject({ method: 'OPTIONS', url: '/probe/publishable' });
    assert.ok([404, 405].includes(options.statusCode), options.body);
    assert.equal(options.headers['access-control-allow-origin'], undefined);
  });
});
