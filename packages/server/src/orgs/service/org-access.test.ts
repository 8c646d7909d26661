import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { insertUser } from '../../identity/store/user-store.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { newId } from '../../platform/ids.ts';
import { insertAppPermission } from '../store/app-permission-store.ts';
import { insertMembership } from '../store/membership-store.ts';
import { insertOrganization } from '../store/organization-store.ts';
import { insertCustomRole } from '../store/role-store.ts';
import { createOrgAccessChecker, type OrgAccessChecker } from './org-access.ts';

/** The guard against a real database: every rule of its fail-closed order. */
describe('requireOrgPermission (the organization guard)', () => {
  let database: TestDatabase;
  let access: OrgAccessChecker;
  const orgA = newId('org');
  const orgB = newId('org');
  const users: Record<string, string> = {};

  const userPrincipal = (name: string, amr = ['pwd']): Principal => ({
    kind: 'user',
    id: users[name] as string,
    credentialId: 'sess_x',
    sessionId: 'sess_x',
    emailVerified: true,
    authMethods: amr,
    issuedAt: 0,
    // A token claiming org A is no pass: the guard reads memberships, never the claim.
    orgId: orgA,
    orgRole: 'owner',
  });

  async function code(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
      return 'ok';
    } catch (error) {
      assert.ok(error instanceof AppError, String(error));
      return error.code;
    }
  }

  before(async () => {
    database = await openTestDatabase();
    access = createOrgAccessChecker(database);
    for (const name of ['owner', 'viewer', 'custom', 'outsider', 'mfaUser']) {
      const id = newId('usr');
      users[name] = id;
      const email = `${name}-${id}@example.test`;
      await insertUser(database.kysely, { id, email, email_normalized: email, name, password_hash: null });
    }
    await insertAppPermission(database.kysely, { key: 'projects:create', description: null });
    await withTenant(database, orgA, async (scope) => {
      await insertOrganization(scope, {
        slug: `a-${orgA.slice(-8).toLowerCase()}`,
        name: 'A',
        created_by: null,
      });
      await insertCustomRole(scope, {
        key: 'pm',
        name: 'PM',
        description: null,
        permissions: ['projects:create', 'members:view'],
      });
      await insertMembership(scope, { user_id: users.owner as string, role_key: 'owner' });
      await insertMembership(scope, { user_id: users.viewer as string, role_key: 'viewer' });
      await insertMembership(scope, { user_id: users.custom as string, role_key: 'pm' });
    });
    await withTenant(database, orgB, async (scope) => {
      await insertOrganization(scope, {
        slug: `b-${orgB.slice(-8).toLowerCase()}`,
        name: 'B',
        require_mfa: true,
        created_by: null,
      });
      await insertMembership(scope, { user_id: users.outsider as string, role_key: 'owner' });
      await insertMembership(scope, { user_id: users.mfaUser as string, role_key: 'owner' });
    });
  });
  after(() => database.close());

  it('members get what their role grants, and forbidden naming the permission otherwise', async () => {
    const owner = await access.require(userPrincipal('owner'), orgA, 'org:delete');
    assert.equal(owner.role, 'owner');
    assert.ok(owner.permissions.includes('projects:create'));
    const viewer = await access.require(userPrincipal('viewer'), orgA, 'org:read');
    assert.deepEqual(viewer.permissions, ['org:read']);
    await assert.rejects(access.require(userPrincipal('viewer'), orgA, 'members:view'), (error: AppError) => {
      assert.equal(error.code, 'forbidden');
      assert.match(error.detail ?? '', /members:view/);
      return true;
    });
    const custom = await access.require(userPrincipal('custom'), orgA, 'projects:create');
    assert.deepEqual(custom.permissions, ['members:view', 'projects:create']);
  });

  it('a non-member gets not_a_member, and a nonexistent organization answers the same', async () => {
    assert.equal(await code(access.require(userPrincipal('outsider'), orgA, 'org:read')), 'not_a_member');
    assert.equal(
      await code(access.require(userPrincipal('owner'), newId('org'), 'org:read')),
      'not_a_member',
    );
    // Membership comes before the permission: an outsider never learns which permission is missing.
    assert.equal(await code(access.require(userPrincipal('outsider'), orgA, 'nonsense:x')), 'not_a_member');
  });

  it('operators act in any organization with every permission; a missing one is not_found', async () => {
    const operator: Principal = { kind: 'operator', id: 'opk_1', credentialId: 'opk_1' };
    const granted = await access.require(operator, orgB, 'org:delete');
    assert.equal(granted.role, null);
    assert.equal(await code(access.require(operator, newId('org'), 'org:read')), 'not_found');
  });

  it('an API key acts only in its own organization, within its scopes', async () => {
    // Cast: the API key principal may carry more fields (environment, limits) than the guard reads.
    const key = (orgId: string, scopes: string[]) =>
      ({
        kind: 'api_key',
        id: 'key_1',
        credentialId: 'key_1',
        orgId,
        scopes,
        environment: 'live',
      }) as Principal;
    assert.equal(await code(access.require(key(orgA, ['orgs:read']), orgA, 'members:view')), 'ok');
    assert.equal(await code(access.require(key(orgA, ['orgs:read']), orgA, 'members:remove')), 'forbidden');
    assert.equal(await code(access.require(key(orgA, ['orgs:write']), orgA, 'members:remove')), 'ok');
    assert.equal(await code(access.require(key(orgA, ['flags:evaluate']), orgA, 'org:read')), 'forbidden');
    assert.equal(await code(access.require(key(orgB, ['orgs:write']), orgA, 'org:read')), 'not_a_member');
  });

  it('an organization requiring MFA turns away sessions without it, except for reading own permissions', async () => {
    assert.equal(
      await code(access.require(userPrincipal('mfaUser'), orgB, 'org:read')),
      'mfa_enrollment_required',
    );
    assert.equal(
      await code(access.require(userPrincipal('mfaUser'), orgB, 'org:read', { allowWithoutMfa: true })),
      'ok',
    );
    assert.equal(
      await code(access.require(userPrincipal('mfaUser', ['pwd', 'mfa']), orgB, 'org:read')),
      'ok',
    );
    // A non-member still learns nothing, MFA or not.
    assert.equal(await code(access.require(userPrincipal('owner'), orgB, 'org:read')), 'not_a_member');
  });
});
