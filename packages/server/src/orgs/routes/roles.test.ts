import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newSignedInUser } from '../../../test/support/identity-client.ts';
import { addMember, callAs, createOrg, orgAuditActions } from '../../../test/support/orgs-client.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';

describe('custom roles and application permissions over HTTP', () => {
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

  it('the instance declares app permissions (operators only); built-in ones and duplicates are refused', async () => {
    const user = await newSignedInUser(t.app);
    const denied = await call('POST', '/v1/app-permissions', user.access_token, { key: 'projects:create' });
    assert.equal(denied.statusCode, 403);
    for (const key of ['projects:create', 'projects:delete']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/app-permissions',
        headers: t.operator,
        payload: { key, description: `may ${key}` },
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    for (const key of ['projects:create', 'org:read']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/app-permissions',
        headers: t.operator,
        payload: { key },
      });
      assert.equal(res.statusCode, 409, `${key}: ${res.body}`);
    }
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/app-permissions',
      headers: t.operator,
      payload: { key: 'Nope' },
    });
    assert.equal(bad.statusCode, 400);
    const list = await t.app.inject({ method: 'GET', url: '/v1/app-permissions', headers: t.operator });
    assert.deepEqual(
      list.json().data.map((p: { key: string }) => p.key),
      ['projects:create', 'projects:delete'],
    );
  });

  it('custom roles: created from known permissions, assigned, edited (members follow at once), deleted when unused', async () => {
    const owner = await newSignedInUser(t.app);
    const user = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Roles' });
    await t.app.inject({
      method: 'POST',
      url: '/v1/app-permissions',
      headers: t.operator,
      payload: { key: 'reports:run' },
    });
    const unknown = await call('POST', `/v1/organizations/${org.id}/roles`, owner.access_token, {
      key: 'analyst',
      name: 'Analyst',
      permissions: ['reports:fly'],
    });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().code, 'unknown_permission');
    const builtIn = await call('POST', `/v1/organizations/${org.id}/roles`, owner.access_token, {
      key: 'admin',
      name: 'Mine',
      permissions: [],
    });
    assert.equal(builtIn.json().code, 'role_exists');
    const created = await call('POST', `/v1/organizations/${org.id}/roles`, owner.access_token, {
      key: 'analyst',
      name: 'Analyst',
      description: 'Runs reports',
      permissions: ['reports:run', 'members:view'],
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().built_in, false);
    const dup = await call('POST', `/v1/organizations/${org.id}/roles`, owner.access_token, {
      key: 'analyst',
      name: 'Again',
      permissions: [],
    });
    assert.equal(dup.json().code, 'role_exists');

    await addMember(t.database, org.id, user.user.id, 'viewer');
    const assigned = await call(
      'PATCH',
      `/v1/organizations/${org.id}/members/${user.user.id}`,
      owner.access_token,
      {
        role: 'analyst',
      },
    );
    assert.equal(assigned.statusCode, 200, assigned.body);
    const perms = () => call('GET', `/v1/organizations/${org.id}/members/me/permissions`, user.access_token);
    assert.deepEqual((await perms()).json(), {
      role: 'analyst',
      permissions: ['members:view', 'reports:run'],
    });

    const edited = await call('PATCH', `/v1/organizations/${org.id}/roles/analyst`, owner.access_token, {
      permissions: ['reports:run', 'org:read'],
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual((await perms()).json().permissions, ['org:read', 'reports:run']);

    const roles = await call('GET', `/v1/organizations/${org.id}/roles`, user.access_token);
    assert.deepEqual(
      roles.json().data.map((r: { key: string }) => r.key),
      ['owner', 'admin', 'billing', 'developer', 'member', 'viewer', 'analyst'],
    );
    const owners = roles.json().data[0];
    assert.ok(owners.permissions.includes('reports:run'), 'owners hold every app permission');

    const inUse = await call('DELETE', `/v1/organizations/${org.id}/roles/analyst`, owner.access_token);
    assert.equal(inUse.statusCode, 409);
    assert.equal(inUse.json().code, 'role_in_use');
    await call('PATCH', `/v1/organizations/${org.id}/members/${user.user.id}`, owner.access_token, {
      role: 'viewer',
    });
    const deleted = await call('DELETE', `/v1/organizations/${org.id}/roles/analyst`, owner.access_token);
    assert.equal(deleted.statusCode, 204, deleted.body);
    const builtInDelete = await call(
      'DELETE',
      `/v1/organizations/${org.id}/roles/viewer`,
      owner.access_token,
    );
    assert.equal(builtInDelete.statusCode, 403);
    const missing = await call('PATCH', `/v1/organizations/${org.id}/roles/ghost`, owner.access_token, {
      name: 'x',
    });
    assert.equal(missing.statusCode, 404);

    const actions = (await orgAuditActions(t.app, t.operator, org.id)).map((a) => a.action);
    for (const action of ['role.created', 'role.updated', 'role.deleted'])
      assert.ok(actions.includes(action), action);
  });

  it('no escalation: a role editor cannot create or assign permissions they lack', async () => {
    const owner = await newSignedInUser(t.app);
    const admin = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Escalation' });
    await addMember(t.database, org.id, admin.user.id, 'admin');
    const res = await call('POST', `/v1/organizations/${org.id}/roles`, admin.access_token, {
      key: 'deleter',
      name: 'Deleter',
      permissions: ['org:delete'],
    });
    assert.equal(res.statusCode, 403, res.body);
    assert.match(res.json().detail, /org:delete/);
    const member = await newSignedInUser(t.app);
    await addMember(t.database, org.id, member.user.id, 'member');
    const denied = await call('POST', `/v1/organizations/${org.id}/roles`, member.access_token, {
      key: 'mine',
      name: 'Mine',
      permissions: [],
    });
    assert.equal(denied.statusCode, 403);
    assert.match(denied.json().detail, /roles:manage/);
  });
});
