import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chainVerdict, rowsOfOrganization, tablesWithOrgId } from '../../../test/support/gdpr-client.ts';
import { bearer, newSignedInUser, uniqueEmail } from '../../../test/support/identity-client.ts';
import { invite } from '../../../test/support/invitations-client.ts';
import { addMember, callAs, createOrg } from '../../../test/support/orgs-client.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createAccessService } from '../../access/service/access-service.ts';
import { loadEnvelopeEncryption } from '../../platform/crypto/load-encryption.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';

describe('GDPR: erasing and exporting an organization', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  /** An organization with something in every module: members, a custom role, an API key, encrypted data, audit entries, access-control data. */
  async function populatedOrg(name: string) {
    const owner = await newSignedInUser(t.app);
    const member = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name, settings: { theme: 'dark' } });
    await addMember(t.database, org.id, member.user.id, 'member');
    const role = await callAs(t.app, 'POST', `/v1/organizations/${org.id}/roles`, owner.access_token, {
      key: 'auditor',
      name: 'Auditor',
      permissions: ['audit:view'],
    });
    assert.equal(role.statusCode, 201, role.body);
    const key = await t.app.inject({
      method: 'POST',
      url: `/v1/organizations/${org.id}/api-keys`,
      headers: { ...bearer(owner.access_token), 'idempotency-key': `key-${org.id}` },
      payload: { name: 'backend', scopes: ['orgs:read'] },
    });
    assert.equal(key.statusCode, 201, key.body);
    await invite(t.app, owner.access_token, org.id, { email: uniqueEmail('invitee'), role: 'viewer' });
    // A data key: the organization's first envelope encryption makes one.
    const { encryption } = await loadEnvelopeEncryption(t.database, t.config);
    await withTenant(t.database, org.id, (scope) =>
      encryption.encryptField(scope, { field: `probe.value:${org.id}`, value: 'x' }),
    );
    // Access control: a store with a model, a tuple and its change record.
    const access = createAccessService({ database: t.database });
    const audit = { actor: { type: 'system' as const, id: null } };
    const store = await access.createStore(org.id, 'docs', audit);
    await access.writeModel(
      org.id,
      store.id,
      'model\n  schema 1.1\ntype user\ntype document\n  relations\n    define viewer: [user]',
      audit,
    );
    await access.writeTuples(org.id, store.id, {
      writes: [{ object: 'document:plan', relation: 'viewer', user: `user:${member.user.id}` }],
    });
    return { owner, member, org, secret: key.json().secret as string };
  }

  it('exports the organization record, members with emails, custom roles, settings and API keys (no hashes)', async () => {
    const { owner, member, org } = await populatedOrg('Exported');
    const res = await callAs(t.app, 'GET', `/v1/organizations/${org.id}/export`, owner.access_token);
    assert.equal(res.statusCode, 200, res.body);
    const doc = res.json();
    assert.equal(doc.kind, 'organization');
    assert.equal(doc.id, org.id);
    const orgs = doc.sections.organizations;
    assert.equal(orgs.organization.id, org.id);
    assert.deepEqual(orgs.organization.settings, { theme: 'dark' });
    assert.deepEqual(
      orgs.members.map((m: { email: string; role: string }) => [m.email, m.role]).sort(),
      [
        [owner.email, 'owner'],
        [member.email, 'member'],
      ].sort(),
    );
    assert.deepEqual(
      orgs.custom_roles.map((r: { key: string }) => r.key),
      ['auditor'],
    );
    assert.equal(doc.sections.api_keys.length, 1);
    assert.equal(JSON.stringify(doc).includes('secret_hash'), false);

    // Owners only (org:delete): a member is refused; operators may.
    const asMember = await callAs(t.app, 'GET', `/v1/organizations/${org.id}/export`, member.access_token);
    assert.equal(asMember.statusCode, 403, asMember.body);
    const asOperator = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${org.id}/export`,
      headers: t.operator,
    });
    assert.equal(asOperator.statusCode, 200, asOperator.body);
  });

  it('DELETE purges every row with its org_id in every table, audit chain and data keys included; others untouched', async () => {
    const erased = await populatedOrg('Erased');
    const kept = await populatedOrg('Kept');
    const before = await rowsOfOrganization(t.database, erased.org.id);
    // Every table the erased organization had rows in (so the zeroes below mean something).
    for (const table of [
      'organizations',
      'org_memberships',
      'org_roles',
      'api_keys',
      'audit_log',
      'org_data_keys',
      'fga_stores',
      'fga_models',
      'fga_tuples',
      'fga_changes',
    ]) {
      assert.ok((before[table] ?? 0) > 0, `${table} has rows before erasure`);
    }
    const keptBefore = await rowsOfOrganization(t.database, kept.org.id);

    const res = await callAs(
      t.app,
      'DELETE',
      `/v1/organizations/${erased.org.id}`,
      erased.owner.access_token,
    );
    assert.equal(res.statusCode, 204, res.body);

    const after = await rowsOfOrganization(t.database, erased.org.id);
    assert.deepEqual(
      Object.entries(after).filter(([, n]) => n > 0),
      [],
      `rows left: ${JSON.stringify(after)}`,
    );
    assert.ok((await tablesWithOrgId(t.database)).includes('audit_chain_heads'));
    assert.deepEqual(await rowsOfOrganization(t.database, kept.org.id), keptBefore);
    assert.equal((await chainVerdict(t.app, t.operator, kept.org.id)).ok, true);
    assert.equal((await chainVerdict(t.app, t.operator, 'instance')).ok, true);

    // Its API key no longer authenticates; the erasure is recorded in the instance chain.
    const withKey = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${erased.org.id}`,
      headers: { authorization: `Bearer ${erased.secret}` },
    });
    assert.equal(withKey.statusCode, 401, withKey.body);
    const instance = await t.app.inject({
      method: 'GET',
      url: '/v1/organizations/instance/audit-log?limit=500&order=desc',
      headers: t.operator,
    });
    const entry = instance
      .json()
      .data.find(
        (e: { action: string; target_id: string }) =>
          e.action === 'organization.erased' && e.target_id === erased.org.id,
      );
    assert.equal(entry?.actor_id, erased.owner.user.id);
  });

  it('needs org:delete to erase: a member is refused and nothing is removed', async () => {
    const { org, member } = await populatedOrg('Guarded');
    const res = await callAs(t.app, 'DELETE', `/v1/organizations/${org.id}`, member.access_token);
    assert.equal(res.statusCode, 403, res.body);
    assert.ok(((await rowsOfOrganization(t.database, org.id)).organizations ?? 0) === 1);
  });
});
