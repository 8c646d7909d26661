import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isReadPermission, scopesAllow } from './api-key-scopes.ts';
import { BUILT_IN_PERMISSIONS, knownPermissions, permissionsOfRole } from './permissions.ts';
import { slugFromName, slugProblem, slugWithSuffix } from './slug.ts';

const app = ['projects:create', 'projects:delete'];

describe('built-in roles', () => {
  it('owner has every permission, the instance’s included', () => {
    assert.deepEqual(permissionsOfRole('owner', { appPermissions: app }), [...BUILT_IN_PERMISSIONS, ...app]);
  });

  it('admin has everything but deleting the organization and managing billing', () => {
    const admin = permissionsOfRole('admin', { appPermissions: app });
    assert.ok(!admin.includes('org:delete'));
    assert.ok(!admin.includes('billing:manage'));
    assert.ok(admin.includes('roles:manage'));
    assert.ok(admin.includes('projects:delete'));
  });

  it('the listed roles grant exactly their documented permissions', () => {
    const of = (role: string) => permissionsOfRole(role, { appPermissions: app });
    assert.deepEqual(of('billing'), ['org:read', 'billing:view', 'billing:manage']);
    assert.deepEqual(of('developer'), ['org:read', 'members:view', 'api_keys:manage', 'audit:view']);
    assert.deepEqual(of('member'), ['org:read', 'members:view']);
    assert.deepEqual(of('viewer'), ['org:read']);
  });

  it('a custom role grants what it lists, minus anything no longer known; an unknown role grants nothing', () => {
    assert.deepEqual(
      permissionsOfRole('pm', {
        customRolePermissions: ['projects:create', 'members:view', 'gone:away'],
        appPermissions: app,
      }),
      ['members:view', 'projects:create'],
    );
    assert.deepEqual(permissionsOfRole('nobody', { appPermissions: app }), []);
  });

  it('known permissions are the built-in ones then the declared ones, sorted', () => {
    assert.deepEqual(knownPermissions(['b:x', 'a:x']).slice(-2), ['a:x', 'b:x']);
  });
});

describe('API key scopes on organization routes', () => {
  it('orgs:read reads; orgs:write does everything; other scopes nothing', () => {
    assert.ok(isReadPermission('org:read') && isReadPermission('members:view'));
    assert.ok(!isReadPermission('members:remove'));
    assert.ok(scopesAllow(['orgs:read'], 'audit:view'));
    assert.ok(!scopesAllow(['orgs:read'], 'org:settings:edit'));
    assert.ok(scopesAllow(['orgs:write'], 'org:delete'));
    assert.ok(!scopesAllow(['flags:evaluate', 'fga:check'], 'org:read'));
  });
});

describe('slugs', () => {
  it('accepts lowercase words joined by single dashes, 3 to 48 characters', () => {
    assert.equal(slugProblem('acme-corp'), undefined);
    assert.equal(slugProblem('a1b'), undefined);
    assert.equal(slugProblem('ab'), 'length');
    assert.equal(slugProblem('a'.repeat(49)), 'length');
    for (const bad of ['Acme', 'acme--corp', '-acme', 'acme-', 'acme_corp', 'acmé']) {
      assert.equal(slugProblem(bad), 'characters', bad);
    }
  });

  it('refuses reserved words', () => {
    for (const word of ['api', 'admin', 'www', 'settings', 'new'])
      assert.equal(slugProblem(word), 'reserved');
  });

  it('derives a slug from a name and makes room for a suffix', () => {
    assert.equal(slugFromName('  Ácme Corp. (EU)  '), 'acme-corp-eu');
    assert.equal(slugFromName('日本'), '');
    assert.equal(slugWithSuffix('acme', 'x7k2'), 'acme-x7k2');
    assert.equal(slugWithSuffix('', 'x7k2'), 'org-x7k2');
    const long = slugWithSuffix('a'.repeat(48), 'x7k2');
    assert.equal(long.length, 48);
    assert.equal(slugProblem(long), undefined);
  });
});
