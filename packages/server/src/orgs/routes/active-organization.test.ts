import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { bearer, newSignedInUser, refresh, type SignedIn } from '../../../test/support/identity-client.ts';
import { addMember, createOrg, orgAuditActions } from '../../../test/support/orgs-client.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { newId } from '../../platform/ids.ts';
import { deleteMembership, setMemberRole } from '../store/membership-store.ts';

describe('the active organization over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const activate = (user: SignedIn, orgId: string | null) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/me/active-organization',
      headers: bearer(user.access_token),
      payload: { org_id: orgId },
    });
  const claims = (token: string) => decodeJwt(token) as { org_id?: string; org_role?: string; sid: string };

  it('issues an access token naming the organization and the caller’s role; the session remembers it', async () => {
    const owner = await newSignedInUser(t.app);
    const user = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Active' });
    await addMember(t.database, org.id, user.user.id, 'developer');
    const res = await activate(user, org.id);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.status, 'signed_in');
    assert.equal(body.refresh_token, undefined, 'the refresh token is unchanged, so none is sent');
    assert.equal(body.session_id, user.session_id);
    assert.deepEqual(
      { org_id: claims(body.access_token).org_id, org_role: claims(body.access_token).org_role },
      { org_id: org.id, org_role: 'developer' },
    );
    const sessions = await t.app.inject({
      method: 'GET',
      url: '/v1/me/sessions',
      headers: bearer(body.access_token),
    });
    assert.equal(sessions.json().data[0].active_org_id, org.id);
    const actions = await orgAuditActions(t.app, t.operator, org.id);
    assert.ok(
      actions.some((a) => a.action === 'member.organization_activated' && a.actor_id === user.user.id),
    );
    // null clears it.
    const cleared = await activate(user, null);
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.equal(claims(cleared.json().access_token).org_id, undefined);
  });

  it('refresh keeps the organization and resolves the role again: demoted shows the new role, removed drops it', async () => {
    const owner = await newSignedInUser(t.app);
    const user = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Refreshing' });
    await addMember(t.database, org.id, user.user.id, 'admin');
    assert.equal((await activate(user, org.id)).statusCode, 200);

    const kept = await refresh(t.app, user.refresh_token);
    assert.equal(kept.statusCode, 200, kept.body);
    assert.equal(claims(kept.json().access_token).org_role, 'admin');

    await withTenant(t.database, org.id, (scope) => setMemberRole(scope, user.user.id, 'viewer'));
    const demoted = await refresh(t.app, kept.json().refresh_token);
    assert.deepEqual(
      [claims(demoted.json().access_token).org_id, claims(demoted.json().access_token).org_role],
      [org.id, 'viewer'],
    );

    await withTenant(t.database, org.id, (scope) => deleteMembership(scope, user.user.id));
    const removed = await refresh(t.app, demoted.json().refresh_token);
    assert.equal(removed.statusCode, 200, removed.body);
    assert.equal(claims(removed.json().access_token).org_id, undefined);
    assert.equal(claims(removed.json().access_token).org_role, undefined);
  });

  it('refuses an organization the caller does not belong to, and one that does not exist, alike', async () => {
    const owner = await newSignedInUser(t.app);
    const stranger = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Not yours' });
    for (const orgId of [org.id, newId('org')]) {
      const res = await activate(stranger, orgId);
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'not_a_member');
    }
    const operator = await t.app.inject({
      method: 'POST',
      url: '/v1/me/active-organization',
      headers: t.operator,
      payload: { org_id: org.id },
    });
    assert.equal(operator.statusCode, 403);
  });

  it('a claim naming one organization gives nothing in another: the URL decides', async () => {
    const owner = await newSignedInUser(t.app);
    const other = await newSignedInUser(t.app);
    const mine = await createOrg(t.app, owner.access_token, { name: 'Mine' });
    const theirs = await createOrg(t.app, other.access_token, { name: 'Theirs' });
    const token = (await activate(owner, mine.id)).json().access_token;
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${theirs.id}`,
      headers: bearer(token),
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'not_a_member');
  });
});
