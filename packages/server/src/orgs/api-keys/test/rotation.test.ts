import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createKey, seedOrg } from './api-key-fixtures.ts';

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe('API key rotation over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const works = async (secret: string, url = '/v1/api-keys') =>
    (await t.app.inject({ method: 'GET', url, headers: bearer(secret) })).statusCode;

  it('a rotated key is replaced by a new one with the same settings; the old one stops at once', async () => {
    const old = await createKey(t.app, '/v1/api-keys', t.operator, {
      name: 'deploy',
      scopes: ['admin'],
      environment: 'test',
      rate_limit_per_minute: 100,
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/api-keys/${old.id}/rotate`,
      headers: t.operator,
    });
    assert.equal(res.statusCode, 201, res.body);
    const fresh = res.json();
    assert.notEqual(fresh.id, old.id);
    assert.notEqual(fresh.secret, old.secret);
    assert.ok(fresh.secret.startsWith('sk_test_'));
    for (const field of ['name', 'scopes', 'environment', 'kind', 'rate_limit_per_minute', 'expires_at'])
      assert.deepEqual(fresh[field], old[field], field);
    assert.equal(await works(old.secret), 401);
    assert.equal(await works(fresh.secret), 200);
    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/api-keys/${old.id}/rotate`,
      headers: t.operator,
    });
    assert.equal(again.statusCode, 404);
  });

  it('with a grace period the old key keeps working until it expires', async () => {
    const old = await createKey(t.app, '/v1/api-keys', t.operator, { name: 'ci', scopes: ['admin'] });
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/api-keys/${old.id}/rotate`,
      headers: t.operator,
      payload: { expire_old_in_seconds: 3600 },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(await works(old.secret), 200);
    assert.equal(await works(res.json().secret), 200);
    const listed = await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: t.operator });
    const oldListed = listed.json().data.find((k: { id: string }) => k.id === old.id);
    const expiresIn = new Date(oldListed.expires_at).getTime() - Date.now();
    assert.ok(expiresIn > 3000_000 && expiresIn <= 3600_000, oldListed.expires_at);
  });

  it('an organization key is rotated by a manager only, and never from another organization', async () => {
    const a = await seedOrg(t.app, t.database);
    const b = await seedOrg(t.app, t.database);
    const url = `/v1/organizations/${a.orgId}/api-keys`;
    const old = await createKey(t.app, url, a.owner, { name: 'etl', scopes: ['orgs:read'] });
    const auditUrl = `/v1/organizations/${a.orgId}/audit-log`;
    for (const [headers, status] of [
      [a.viewer, 403],
      [bearer(old.secret), 403],
      [b.owner, 403],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: `${url}/${old.id}/rotate`, headers });
      assert.equal(res.statusCode, status, res.body);
    }
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: `/v1/organizations/${b.orgId}/api-keys/${old.id}/rotate`,
      headers: b.owner,
    });
    assert.equal(elsewhere.statusCode, 404);
    assert.equal(await works(old.secret, auditUrl), 200);
    const res = await t.app.inject({ method: 'POST', url: `${url}/${old.id}/rotate`, headers: a.owner });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().org_id, a.orgId);
    assert.equal(await works(old.secret, auditUrl), 401);
    const log = await t.app.inject({ method: 'GET', url: auditUrl, headers: bearer(res.json().secret) });
    const rotated = log.json().data.find((e: { action: string }) => e.action === 'api_key.rotated');
    assert.equal(rotated?.target_id, old.id);
    assert.equal(rotated?.metadata.replaced_by, res.json().id);
  });
});
