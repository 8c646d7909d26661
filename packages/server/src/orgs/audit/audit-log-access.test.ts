import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearer, newSignedInUser } from '../../../test/support/identity-client.ts';
import { addMember, callAs, createOrg } from '../../../test/support/orgs-client.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createKey } from '../api-keys/test/api-key-fixtures.ts';

const PATHS = ['audit-log', 'audit-log/verify', 'audit-log/export'];

/** Who reads an organization's audit chain: its permission (`audit:view`), not the platform's org claim. */
describe('audit log access', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  const tokens: Record<string, string> = {};
  const keys: Record<string, string> = {};

  before(async () => {
    t = await startTestApp();
    const owner = await newSignedInUser(t.app);
    const strangerOwner = await newSignedInUser(t.app);
    tokens.owner = owner.access_token;
    tokens.stranger = strangerOwner.access_token;
    orgA = (await createOrg(t.app, owner.access_token, { name: 'Audited' })).id;
    orgB = (await createOrg(t.app, strangerOwner.access_token, { name: 'Other' })).id;
    for (const role of ['developer', 'member', 'viewer', 'billing']) {
      const user = await newSignedInUser(t.app);
      await addMember(t.database, orgA, user.user.id, role);
      tokens[role] = user.access_token;
    }
    const ownKeys = `/v1/organizations/${orgA}/api-keys`;
    keys.reader = (
      await createKey(t.app, ownKeys, bearer(tokens.owner!), { name: 'r', scopes: ['orgs:read'] })
    ).secret;
    keys.writer = (
      await createKey(t.app, ownKeys, bearer(tokens.owner!), { name: 'w', scopes: ['orgs:write'] })
    ).secret;
    keys.events = (
      await createKey(t.app, ownKeys, bearer(tokens.owner!), { name: 'e', scopes: ['events:write'] })
    ).secret;
    const otherKeys = `/v1/organizations/${orgB}/api-keys`;
    keys.otherOrg = (
      await createKey(t.app, otherKeys, bearer(tokens.stranger!), { name: 'o', scopes: ['orgs:write'] })
    ).secret;
    keys.instance = (
      await createKey(t.app, '/v1/api-keys', t.operator, { name: 'i', scopes: ['admin'] })
    ).secret;
  });
  after(() => t.close());

  const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });

  it('members whose role grants audit:view read, list, verify and export; others are forbidden', async () => {
    for (const role of ['owner', 'developer']) {
      for (const path of PATHS) {
        const res = await callAs(t.app, 'GET', `/v1/organizations/${orgA}/${path}`, tokens[role]!);
        assert.equal(res.statusCode, 200, `${role} ${path}: ${res.body}`);
      }
      const list = await callAs(t.app, 'GET', `/v1/organizations/${orgA}/audit-log`, tokens[role]!);
      assert.ok(list.json().data.some((e: { action: string }) => e.action === 'organization.created'));
    }
    for (const role of ['member', 'viewer', 'billing']) {
      for (const path of PATHS) {
        const res = await callAs(t.app, 'GET', `/v1/organizations/${orgA}/${path}`, tokens[role]!);
        assert.equal(res.statusCode, 403, `${role} ${path}: ${res.body}`);
        assert.equal(res.json().code, 'forbidden');
        assert.match(res.json().detail, /audit:view/);
      }
    }
  });

  it('a non-member, a second organization’s key and a nonexistent organization get not_a_member and no data', async () => {
    for (const path of PATHS) {
      for (const headers of [bearer(tokens.stranger!), bearer(keys.otherOrg!)]) {
        const res = await get(`/v1/organizations/${orgA}/${path}`, headers);
        assert.equal(res.statusCode, 403, `${path}: ${res.body}`);
        assert.equal(res.json().code, 'not_a_member');
        assert.ok(!res.body.includes('organization.created'));
      }
      const gone = await callAs(
        t.app,
        'GET',
        `/v1/organizations/org_01JAAAAAAAAAAAAAAAAAAAAAAA/${path}`,
        tokens.owner!,
      );
      assert.equal(gone.json().code, 'not_a_member');
    }
  });

  it('the organization’s own keys read with orgs:read or orgs:write, not with other scopes', async () => {
    for (const path of PATHS) {
      for (const key of [keys.reader!, keys.writer!]) {
        const res = await get(`/v1/organizations/${orgA}/${path}`, bearer(key));
        assert.equal(res.statusCode, 200, `${path}: ${res.body}`);
      }
      const res = await get(`/v1/organizations/${orgA}/${path}`, bearer(keys.events!));
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'forbidden');
    }
  });

  it('operators read every organization’s chain and the instance’s; nobody else reads the instance’s', async () => {
    for (const path of PATHS) {
      for (const orgId of [orgA, orgB, 'instance']) {
        const res = await get(`/v1/organizations/${orgId}/${path}`, t.operator);
        assert.equal(res.statusCode, 200, `${orgId} ${path}: ${res.body}`);
      }
      for (const headers of [bearer(tokens.owner!), bearer(keys.writer!), bearer(keys.instance!)]) {
        const res = await get(`/v1/organizations/instance/${path}`, headers);
        assert.equal(res.statusCode, 403, `instance ${path}: ${res.body}`);
        assert.equal(res.json().code, 'not_a_member');
        assert.ok(!res.body.includes('user.signed_up'));
      }
      const anonymous = await get(`/v1/organizations/${orgA}/${path}`, {});
      assert.equal(anonymous.statusCode, 401);
      assert.match(String(anonymous.headers['content-type']), /^application\/problem\+json/);
    }
  });
});
