import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearer, newSignedInUser } from '../../../test/support/identity-client.ts';
import { addMember, createOrg, orgAuditActions } from '../../../test/support/orgs-client.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { newId } from '../../platform/ids.ts';

describe('organizations over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) });

  it('creates an organization whose creator is owner, with a slug made from the name', async () => {
    const user = await newSignedInUser(t.app);
    const org = await createOrg(t.app, user.access_token, {
      name: 'Ácme Rockets',
      logo_url: 'https://cdn.example.test/logo.png',
      branding: { primary_color: '#112233', font: 'Inter' },
      settings: { locale: 'fr' },
      public_metadata: { plan: 'pro' },
      private_metadata: { crm_id: 42 },
    });
    assert.match(org.id, /^org_[0-9A-Z]{26}$/);
    assert.equal(org.slug, 'acme-rockets');
    assert.equal(org.role, 'owner');
    const read = await get(`/v1/organizations/${org.id}`, user.access_token);
    assert.equal(read.statusCode, 200, read.body);
    assert.deepEqual(read.json().branding, { primary_color: '#112233', font: 'Inter' });
    assert.deepEqual(read.json().private_metadata, { crm_id: 42 });
    // The same name again: the slug gets a suffix instead of failing.
    const again = await createOrg(t.app, user.access_token, { name: 'Acme Rockets' });
    assert.match(again.slug, /^acme-rockets-[0-9a-f]{6}$/);
    const mine = await get('/v1/me/organizations', user.access_token);
    assert.deepEqual(
      mine.json().data.map((o: { id: string; role: string }) => [o.id, o.role]),
      [
        [org.id, 'owner'],
        [again.id, 'owner'],
      ],
    );
    assert.equal(mine.json().data[0].private_metadata, undefined);
    const actions = await orgAuditActions(t.app, t.operator, org.id);
    assert.deepEqual(
      actions.map((a) => [a.action, a.actor_id]),
      [
        ['organization.created', user.user.id],
        ['access_store.created', user.user.id],
      ],
    );
  });

  it('validates slugs: format, length and reserved words (400), a taken one (409 slug_taken)', async () => {
    const user = await newSignedInUser(t.app);
    for (const slug of ['API', 'admin', 'www', 'settings', 'new', 'ab', 'a--b', '-ab', 'a_b']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/organizations',
        headers: bearer(user.access_token),
        payload: { name: 'X', slug },
      });
      assert.equal(res.statusCode, 400, `${slug}: ${res.body}`);
      assert.equal(res.json().code, 'validation_failed');
    }
    const slug = `taken-${Date.now().toString(36)}`;
    const first = await createOrg(t.app, user.access_token, { name: 'One', slug });
    const dup = await t.app.inject({
      method: 'POST',
      url: '/v1/organizations',
      headers: bearer(user.access_token),
      payload: { name: 'Two', slug },
    });
    assert.equal(dup.statusCode, 409, dup.body);
    assert.equal(dup.json().code, 'slug_taken');
    const other = await createOrg(t.app, user.access_token, { name: 'Other' });
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/v1/organizations/${other.id}`,
      headers: bearer(user.access_token),
      payload: { slug },
    });
    assert.equal(patch.statusCode, 409, patch.body);
    assert.equal(patch.json().code, 'slug_taken');
    assert.ok(first.id);
  });

  it('updates fields (org:settings:edit); private metadata is shown only to those who may edit', async () => {
    const owner = await newSignedInUser(t.app);
    const member = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, {
      name: 'Before',
      private_metadata: { secret: 1 },
    });
    await addMember(t.database, org.id, member.user.id, 'member');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/v1/organizations/${org.id}`,
      headers: bearer(owner.access_token),
      payload: {
        name: 'After',
        slug: `after-${Date.now().toString(36)}`,
        require_mfa: false,
        logo_url: null,
      },
    });
    assert.equal(patch.statusCode, 200, patch.body);
    assert.equal(patch.json().name, 'After');
    const asMember = await get(`/v1/organizations/${org.id}`, member.access_token);
    assert.equal(asMember.statusCode, 200);
    assert.equal(asMember.json().role, 'member');
    assert.equal(asMember.json().private_metadata, undefined);
    const denied = await t.app.inject({
      method: 'PATCH',
      url: `/v1/organizations/${org.id}`,
      headers: bearer(member.access_token),
      payload: { name: 'Mine now' },
    });
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().code, 'forbidden');
    assert.match(denied.json().detail, /org:settings:edit/);
    const empty = await t.app.inject({
      method: 'PATCH',
      url: `/v1/organizations/${org.id}`,
      headers: bearer(owner.access_token),
      payload: {},
    });
    assert.equal(empty.statusCode, 400);
    const actions = await orgAuditActions(t.app, t.operator, org.id);
    const updated = actions.find((a) => a.action === 'organization.updated');
    assert.deepEqual(updated?.metadata, { fields: ['logo_url', 'name', 'require_mfa', 'slug'] });
  });

  it('deletes (owners only) and removes what the organization owns', async () => {
    const owner = await newSignedInUser(t.app);
    const admin = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Doomed' });
    await addMember(t.database, org.id, admin.user.id, 'admin');
    const byAdmin = await t.app.inject({
      method: 'DELETE',
      url: `/v1/organizations/${org.id}`,
      headers: bearer(admin.access_token),
    });
    assert.equal(byAdmin.statusCode, 403);
    assert.match(byAdmin.json().detail, /org:delete/);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/v1/organizations/${org.id}`,
      headers: bearer(owner.access_token),
    });
    assert.equal(res.statusCode, 204, res.body);
    const gone = await get(`/v1/organizations/${org.id}`, owner.access_token);
    assert.equal(gone.statusCode, 403);
    assert.equal(gone.json().code, 'not_a_member');
    const left = await withTenant(t.database, org.id, async (scope) => ({
      orgs: await scope.db.selectFrom('organizations').select('org_id').execute(),
      members: await scope.db.selectFrom('org_memberships').select('user_id').execute(),
    }));
    assert.deepEqual(left, { orgs: [], members: [] });
    // Deleting is GDPR erasure: the organization's own chain goes too, the instance chain records it.
    const chain = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${org.id}/audit-log`,
      headers: t.operator,
    });
    assert.equal(chain.statusCode, 404, chain.body);
    const instanceActions = await orgAuditActions(t.app, t.operator, 'instance');
    assert.ok(
      instanceActions.some((a) => a.action === 'organization.erased' && a.target_id === org.id),
      'organization.erased is in the instance chain',
    );
    assert.equal((await get('/v1/me/organizations', admin.access_token)).json().data.length, 0);
  });

  it('another organization’s member gets not_a_member on every route, as for an organization that does not exist', async () => {
    const owner = await newSignedInUser(t.app);
    const stranger = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Walled' });
    await createOrg(t.app, stranger.access_token, { name: 'Elsewhere' });
    for (const orgId of [org.id, newId('org')]) {
      for (const [method, payload] of [
        ['GET', undefined],
        ['PATCH', { name: 'x' }],
        ['DELETE', undefined],
      ] as const) {
        const res = await t.app.inject({
          method,
          url: `/v1/organizations/${orgId}`,
          headers: bearer(stranger.access_token),
          ...(payload ? { payload } : {}),
        });
        assert.equal(res.statusCode, 403, `${method} ${res.body}`);
        assert.equal(res.json().code, 'not_a_member');
      }
    }
  });

  it('an operator reads any organization; an operator or nobody cannot create one (a user is needed)', async () => {
    const owner = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Seen' });
    const read = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${org.id}`,
      headers: t.operator,
    });
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().role, null);
    const create = await t.app.inject({
      method: 'POST',
      url: '/v1/organizations',
      headers: t.operator,
      payload: { name: 'No' },
    });
    assert.equal(create.statusCode, 403);
    const anon = await t.app.inject({ method: 'POST', url: '/v1/organizations', payload: { name: 'No' } });
    assert.equal(anon.statusCode, 401);
  });
});
