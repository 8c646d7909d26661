import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { hashSecret } from '../../../platform/crypto/secret-hash.ts';
import { INSTANCE_TENANT_ID } from '../../../platform/db/instance-tenant.ts';
import { withTenant } from '../../../platform/db/tenant-scope.ts';
import { formatApiKey, parseApiKey } from '../engine/key-format.ts';
import { createKey, seedOrg } from './api-key-fixtures.ts';

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

/** API keys over HTTP: shown once, hashed at rest, refused when mistyped, revoked, expired or out of scope. */
describe('API keys over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const rowOf = (orgId: string, id: string) =>
    withTenant(t.database, orgId, (scope) =>
      scope.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );

  it('shows the secret once, stores only its hash, and never lists it', async () => {
    const created = await createKey(t.app, '/v1/api-keys', t.operator, {
      name: 'backend',
      scopes: ['orgs:read'],
    });
    assert.equal(parseApiKey(created.secret)?.checksumValid, true);
    assert.ok(created.secret.startsWith('sk_live_'));
    assert.equal(created.display_prefix, `${created.secret.slice(0, 12)}…`);
    assert.equal(created.org_id, 'instance');
    const row = await rowOf(INSTANCE_TENANT_ID, created.id);
    assert.equal(row.secret_hash, hashSecret(created.secret));
    assert.ok(!JSON.stringify(row).includes(created.secret.slice(12)), 'no column holds the secret');
    const list = await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: t.operator });
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().data.some((key: { id: string }) => key.id === created.id));
    assert.ok(!list.body.includes(created.secret.slice(12)));
    assert.ok(!list.body.includes('secret_hash'));
  });

  it('an instance admin key manages instance keys; a key without admin may not', async () => {
    const admin = await createKey(t.app, '/v1/api-keys', t.operator, { name: 'admin', scopes: ['admin'] });
    const plain = await createKey(t.app, '/v1/api-keys', bearer(admin.secret), {
      name: 'made by the admin key',
      environment: 'test',
      scopes: ['flags:evaluate'],
    });
    assert.ok(plain.secret.startsWith('sk_test_'));
    assert.equal(plain.created_by, admin.id);
    const refused = await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(plain.secret) });
    assert.equal(refused.statusCode, 403);
    // The admin key is the customer's credential, not an operator's: operator routes stay closed to it.
    const outbox = await t.app.inject({
      method: 'GET',
      url: '/dev/outbox/messages',
      headers: bearer(admin.secret),
    });
    assert.equal(outbox.statusCode, 403, outbox.body);
    const asOperator = await t.app.inject({
      method: 'GET',
      url: '/dev/outbox/messages',
      headers: t.operator,
    });
    assert.equal(asOperator.statusCode, 200, asOperator.body);
  });

  it('refuses a mistyped key, an unknown key, a revoked and an expired key with 401', async () => {
    const key = await createKey(t.app, '/v1/api-keys', t.operator, { name: 'to break', scopes: ['admin'] });
    const ok = await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(key.secret) });
    assert.equal(ok.statusCode, 200);
    const last = key.secret.at(-1) === 'a' ? 'b' : 'a';
    const typo = `${key.secret.slice(0, -1)}${last}`;
    const mistyped = await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(typo) });
    assert.equal(mistyped.statusCode, 401);
    assert.equal(mistyped.json().code, 'unauthenticated');
    const unknown = formatApiKey('secret', 'live', randomBytes(32));
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(unknown) })).statusCode,
      401,
    );

    const expiring = await createKey(t.app, '/v1/api-keys', t.operator, {
      name: 'expiring',
      scopes: ['admin'],
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(expiring.secret) }))
        .statusCode,
      200,
    );
    await withTenant(t.database, INSTANCE_TENANT_ID, (scope) =>
      scope.db
        .updateTable('api_keys')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', expiring.id)
        .execute(),
    );
    const expired = await t.app.inject({
      method: 'GET',
      url: '/v1/api-keys',
      headers: bearer(expiring.secret),
    });
    assert.equal(expired.statusCode, 401);

    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${key.id}`,
      headers: t.operator,
    });
    assert.equal(revoke.statusCode, 204);
    const revoked = await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(key.secret) });
    assert.equal(revoked.statusCode, 401);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${key.id}`,
      headers: t.operator,
    });
    assert.equal(again.statusCode, 404);
    const list = await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: t.operator });
    assert.ok(!list.json().data.some((k: { id: string }) => k.id === key.id));
  });

  it('validates new keys: no admin for an org key, origins only on publishable keys, expiry in the future', async () => {
    const org = await seedOrg(t.app, t.database);
    const bad = async (url: string, body: Record<string, unknown>, field: string) => {
      const res = await t.app.inject({ method: 'POST', url, headers: t.operator, payload: body });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().code, 'validation_failed');
      assert.ok(JSON.stringify(res.json().errors).includes(field), res.body);
    };
    const orgUrl = `/v1/organizations/${org.orgId}/api-keys`;
    await bad(orgUrl, { name: 'x', scopes: ['admin'] }, 'scopes');
    await bad('/v1/api-keys', { name: 'x', kind: 'publishable', scopes: ['orgs:write'] }, 'scopes');
    await bad('/v1/api-keys', { name: 'x', allowed_origins: ['https://app.example'] }, 'allowed_origins');
    await bad('/v1/api-keys', { name: 'x', expires_at: '2001-01-01T00:00:00Z' }, 'expires_at');
    await bad(
      '/v1/api-keys',
      { name: 'x', kind: 'publishable', allowed_origins: ['https://a.example/path'] },
      'allowed_origins',
    );
  });

  it('an organization key acts only in its organization, within its scopes', async () => {
    const a = await seedOrg(t.app, t.database);
    const b = await seedOrg(t.app, t.database);
    const reader = await createKey(t.app, `/v1/organizations/${a.orgId}/api-keys`, a.owner, {
      name: 'reader',
      scopes: ['orgs:read'],
    });
    assert.equal(reader.org_id, a.orgId);
    const events = await createKey(t.app, `/v1/organizations/${a.orgId}/api-keys`, a.owner, {
      name: 'events only',
      scopes: ['events:write'],
    });
    const writer = await createKey(t.app, `/v1/organizations/${a.orgId}/api-keys`, a.owner, {
      name: 'writer',
      scopes: ['orgs:write'],
    });
    const auditOf = (orgId: string, secret: string) =>
      t.app.inject({ method: 'GET', url: `/v1/organizations/${orgId}/audit-log`, headers: bearer(secret) });
    const own = await auditOf(a.orgId, reader.secret);
    assert.equal(own.statusCode, 200, own.body);
    assert.ok(own.json().data.some((entry: { action: string }) => entry.action === 'api_key.created'));
    assert.equal((await auditOf(a.orgId, events.secret)).statusCode, 403);
    const other = await auditOf(b.orgId, reader.secret);
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().code, 'not_a_member');
    const instanceChain = await auditOf(INSTANCE_TENANT_ID, writer.secret);
    assert.equal(instanceChain.statusCode, 403);
    assert.equal(instanceChain.json().code, 'not_a_member');
    // Another organization's key routes: not a member, whatever the key's scopes.
    const otherKeys = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${b.orgId}/api-keys`,
      headers: bearer(writer.secret),
    });
    assert.equal(otherKeys.statusCode, 403);
    assert.equal(otherKeys.json().code, 'not_a_member');
    // Nor does a key mint keys, even in its own organization.
    const mint = await t.app.inject({
      method: 'POST',
      url: `/v1/organizations/${a.orgId}/api-keys`,
      headers: bearer(writer.secret),
      payload: { name: 'minted' },
    });
    assert.equal(mint.statusCode, 403);
    assert.equal(mint.json().code, 'forbidden');
    // Nor may it touch instance keys.
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(writer.secret) })).statusCode,
      403,
    );
    // An instance key does not reach into organizations either.
    const instance = await createKey(t.app, '/v1/api-keys', t.operator, {
      name: 'instance',
      scopes: ['admin'],
    });
    const reach = await auditOf(a.orgId, instance.secret);
    assert.equal(reach.statusCode, 403);
    assert.equal(reach.json().code, 'not_a_member');
  });

  it('org keys: owners manage them, viewers and outsiders may not, and revocation is instant', async () => {
    const a = await seedOrg(t.app, t.database);
    const b = await seedOrg(t.app, t.database);
    const url = `/v1/organizations/${a.orgId}/api-keys`;
    const viewer = await t.app.inject({ method: 'GET', url, headers: a.viewer });
    assert.equal(viewer.statusCode, 403);
    assert.equal(viewer.json().code, 'forbidden');
    const outsider = await t.app.inject({ method: 'GET', url, headers: b.owner });
    assert.equal(outsider.statusCode, 403);
    assert.equal(outsider.json().code, 'not_a_member');
    const key = await createKey(t.app, url, a.owner, { name: 'ci', scopes: ['orgs:read'] });
    const list = await t.app.inject({ method: 'GET', url, headers: a.owner });
    assert.deepEqual(
      list.json().data.map((k: { id: string }) => k.id),
      [key.id],
    );
    assert.ok(!list.body.includes(key.secret.slice(12)));
    // b's owner cannot revoke a's key, even knowing its id.
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/v1/organizations/${b.orgId}/api-keys/${key.id}`,
      headers: b.owner,
    });
    assert.equal(foreign.statusCode, 404);
    const audit = () =>
      t.app.inject({
        method: 'GET',
        url: `/v1/organizations/${a.orgId}/audit-log`,
        headers: bearer(key.secret),
      });
    assert.equal((await audit()).statusCode, 200);
    const revoke = await t.app.inject({ method: 'DELETE', url: `${url}/${key.id}`, headers: a.owner });
    assert.equal(revoke.statusCode, 204);
    assert.equal((await audit()).statusCode, 401);
    const entries = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${a.orgId}/audit-log?order=asc`,
      headers: t.operator,
    });
    assert.deepEqual(
      entries
        .json()
        .data.map((e: { action: string }) => e.action)
        .filter((action: string) => action.startsWith('api_key.')),
      ['api_key.created', 'api_key.revoked'],
    );
  });

  it('a publishable key passes no route that needs a secret key', async () => {
    const a = await seedOrg(t.app, t.database);
    const pk = await createKey(t.app, `/v1/organizations/${a.orgId}/api-keys`, a.owner, {
      name: 'browser',
      kind: 'publishable',
      scopes: ['flags:evaluate'],
      allowed_origins: ['https://app.example'],
    });
    assert.ok(pk.secret.startsWith('pk_live_'));
    assert.deepEqual(pk.allowed_origins, ['https://app.example']);
    for (const headers of [{ 'x-keystone-key': pk.secret }, bearer(pk.secret)]) {
      for (const url of [
        `/v1/organizations/${a.orgId}/audit-log`,
        `/v1/organizations/${a.orgId}/api-keys`,
        '/v1/api-keys',
      ]) {
        const res = await t.app.inject({ method: 'GET', url, headers });
        assert.equal(res.statusCode, 403, `${url}: ${res.body}`);
        assert.equal(res.json().code, 'forbidden');
      }
    }
  });

  it('a key over its own limit gets 429 with RateLimit headers, never 401', async () => {
    const key = await createKey(t.app, '/v1/api-keys', t.operator, {
      name: 'limited',
      scopes: ['admin'],
      rate_limit_per_minute: 2,
    });
    const call = () => t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(key.secret) });
    const first = await call();
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['ratelimit-policy'], '"api-key";q=2;w=60');
    assert.equal((await call()).statusCode, 200);
    const limited = await call();
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().code, 'rate_limited');
    assert.equal(limited.json().policy, 'api-key');
    assert.match(String(limited.headers.ratelimit), /^"api-key";r=0;t=\d+$/);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    // Another key is not held back by this one's limit.
    const other = await createKey(t.app, '/v1/api-keys', t.operator, { name: 'free', scopes: ['admin'] });
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(other.secret) })).statusCode,
      200,
    );
  });

  it('records last use in batches: after a flush the list shows it', async () => {
    const key = await createKey(t.app, '/v1/api-keys', t.operator, { name: 'used', scopes: ['admin'] });
    assert.equal(key.last_used_at, null);
    const before = Date.now();
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(key.secret) })).statusCode,
      200,
    );
    await t.app.apiKeys.flushLastUsed();
    const row = await rowOf(INSTANCE_TENANT_ID, key.id);
    assert.ok(row.last_used_at && row.last_used_at.getTime() >= before - 1000, String(row.last_used_at));
  });
});
