import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newSignedInUser } from '../../../test/support/identity-client.ts';
import { callAs, createOrg, orgAuditActions } from '../../../test/support/orgs-client.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';

describe('members over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    token: string,
    payload?: Record<string, unknown>,
  ) => callAs(t.app, method, url, token, payload);
  const add = (orgId: string, userId: string, role: string) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/organizations/${orgId}/members`,
      headers: t.operator,
      payload: { user_id: userId, role },
    });

  async function orgWith(roles: string[]) {
    const owner = await newSignedInUser(t.app, { name: 'Olive Owner' });
    const org = await createOrg(t.app, owner.access_token, { name: 'Team' });
    const members = [];
    for (const [index, role] of roles.entries()) {
      const user = await newSignedInUser(t.app, { name: `Person ${index} ${role}` });
      const res = await add(org.id, user.user.id, role);
      assert.equal(res.statusCode, 201, res.body);
      members.push(user);
    }
    return { owner, org, members };
  }

  it('lists members a page at a time with a cursor, and searches email and name', async () => {
    const { owner, org, members } = await orgWith(['member', 'viewer', 'admin', 'developer']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const res = await call(
        'GET',
        `/v1/organizations/${org.id}/members?limit=2${query}`,
        owner.access_token,
      );
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json();
      assert.ok(page.data.length <= 2);
      seen.push(...page.data.map((m: { user_id: string }) => m.user_id));
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(seen, [owner.user.id, ...members.map((m) => m.user.id)]);

    const byName = await call('GET', `/v1/organizations/${org.id}/members?q=ADMIN`, owner.access_token);
    assert.deepEqual(
      byName.json().data.map((m: { user_id: string; role: string }) => [m.user_id, m.role]),
      [[members[2]?.user.id, 'admin']],
    );
    const byEmail = await call(
      'GET',
      `/v1/organizations/${org.id}/members?q=${encodeURIComponent(owner.email)}`,
      owner.access_token,
    );
    assert.deepEqual(
      byEmail.json().data.map((m: { email: string }) => m.email),
      [owner.email],
    );
    const bad = await call('GET', `/v1/organizations/${org.id}/members?cursor=nonsense`, owner.access_token);
    assert.equal(bad.statusCode, 400);
    // viewer lacks members:view.
    const viewer = await call(
      'GET',
      `/v1/organizations/${org.id}/members`,
      members[1]?.access_token as string,
    );
    assert.equal(viewer.statusCode, 403);
    assert.match(viewer.json().detail, /members:view/);
  });

  it('changes roles with roles:manage, never past the caller’s own permissions or owner rank', async () => {
    const { owner, org, members } = await orgWith(['admin', 'member']);
    const [admin, member] = members as [(typeof members)[0], (typeof members)[0]];
    const promote = await call(
      'PATCH',
      `/v1/organizations/${org.id}/members/${member.user.id}`,
      admin.access_token,
      {
        role: 'developer',
      },
    );
    assert.equal(promote.statusCode, 200, promote.body);
    assert.equal(promote.json().role, 'developer');
    // An admin cannot make an owner, nor demote one.
    for (const [target, role] of [
      [member.user.id, 'owner'],
      [owner.user.id, 'member'],
    ] as const) {
      const res = await call('PATCH', `/v1/organizations/${org.id}/members/${target}`, admin.access_token, {
        role,
      });
      assert.equal(res.statusCode, 403, res.body);
    }
    const unknown = await call(
      'PATCH',
      `/v1/organizations/${org.id}/members/${member.user.id}`,
      owner.access_token,
      {
        role: 'wizard',
      },
    );
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().code, 'unknown_role');
    const byMember = await call(
      'PATCH',
      `/v1/organizations/${org.id}/members/${admin.user.id}`,
      member.access_token,
      {
        role: 'viewer',
      },
    );
    assert.equal(byMember.statusCode, 403);
    // The last owner cannot be demoted; with a second owner, they can.
    const lastOwner = await call(
      'PATCH',
      `/v1/organizations/${org.id}/members/${owner.user.id}`,
      owner.access_token,
      {
        role: 'admin',
      },
    );
    assert.equal(lastOwner.statusCode, 409);
    assert.equal(lastOwner.json().code, 'last_owner');
    const second = await call(
      'PATCH',
      `/v1/organizations/${org.id}/members/${admin.user.id}`,
      owner.access_token,
      {
        role: 'owner',
      },
    );
    assert.equal(second.statusCode, 200, second.body);
    const demoted = await call(
      'PATCH',
      `/v1/organizations/${org.id}/members/${owner.user.id}`,
      owner.access_token,
      {
        role: 'admin',
      },
    );
    assert.equal(demoted.statusCode, 200, demoted.body);
    const actions = await orgAuditActions(t.app, t.operator, org.id);
    assert.deepEqual(
      actions.filter((a) => a.action === 'member.role_changed').map((a) => [a.target_id, a.metadata]),
      [
        [member.user.id, { from: 'member', to: 'developer' }],
        [admin.user.id, { from: 'admin', to: 'owner' }],
        [owner.user.id, { from: 'owner', to: 'admin' }],
      ],
    );
  });

  it('removes members (members:remove), lets members leave, and keeps the last owner', async () => {
    const { owner, org, members } = await orgWith(['admin', 'member', 'viewer']);
    const [admin, member, viewer] = members as [
      (typeof members)[0],
      (typeof members)[0],
      (typeof members)[0],
    ];
    const ownerRemoved = await call(
      'DELETE',
      `/v1/organizations/${org.id}/members/${owner.user.id}`,
      admin.access_token,
    );
    assert.equal(ownerRemoved.statusCode, 403, 'an admin cannot remove an owner');
    const removed = await call(
      'DELETE',
      `/v1/organizations/${org.id}/members/${member.user.id}`,
      admin.access_token,
    );
    assert.equal(removed.statusCode, 204, removed.body);
    const gone = await call('GET', `/v1/organizations/${org.id}`, member.access_token);
    assert.equal(gone.json().code, 'not_a_member');
    const left = await call('POST', `/v1/organizations/${org.id}/members/me/leave`, viewer.access_token);
    assert.equal(left.statusCode, 204, left.body);
    const ownerLeaves = await call(
      'POST',
      `/v1/organizations/${org.id}/members/me/leave`,
      owner.access_token,
    );
    assert.equal(ownerLeaves.statusCode, 409);
    assert.equal(ownerLeaves.json().code, 'last_owner');
    const selfRemove = await call(
      'DELETE',
      `/v1/organizations/${org.id}/members/${owner.user.id}`,
      owner.access_token,
    );
    assert.equal(selfRemove.json().code, 'last_owner');
    const again = await call('POST', `/v1/organizations/${org.id}/members/me/leave`, viewer.access_token);
    assert.equal(again.json().code, 'not_a_member');
    const actions = (await orgAuditActions(t.app, t.operator, org.id)).map((a) => [a.action, a.target_id]);
    assert.ok(actions.some(([a, id]) => a === 'member.removed' && id === member.user.id));
    assert.ok(actions.some(([a, id]) => a === 'member.left' && id === viewer.user.id));
    assert.ok(actions.some(([a, id]) => a === 'member.added' && id === admin.user.id));
  });

  it('answers the caller’s own role and permissions', async () => {
    const { owner, org, members } = await orgWith(['developer']);
    const mine = await call(
      'GET',
      `/v1/organizations/${org.id}/members/me/permissions`,
      members[0]?.access_token as string,
    );
    assert.equal(mine.statusCode, 200, mine.body);
    assert.deepEqual(mine.json(), {
      role: 'developer',
      permissions: ['org:read', 'members:view', 'api_keys:manage', 'audit:view'],
    });
    const owners = await call(
      'GET',
      `/v1/organizations/${org.id}/members/me/permissions`,
      owner.access_token,
    );
    assert.ok(owners.json().permissions.includes('org:delete'));
  });

  it('adding members is for operators; an unknown user is not_found, a second add a conflict', async () => {
    const { owner, org, members } = await orgWith(['member']);
    const byOwner = await call('POST', `/v1/organizations/${org.id}/members`, owner.access_token, {
      user_id: members[0]?.user.id,
      role: 'admin',
    });
    assert.equal(byOwner.statusCode, 403);
    assert.equal((await add(org.id, 'user_00000000000000000000000000', 'member')).statusCode, 404);
    assert.equal((await add(org.id, members[0]?.user.id as string, 'member')).statusCode, 409);
  });
});
