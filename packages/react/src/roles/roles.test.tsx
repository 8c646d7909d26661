import { createKeystoneClient } from '@keystone/sdk';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startKeystone, type TestKeystone } from '../../test/keystone-server.ts';
import { createOrganization, signUpUser, TestKeystoneProvider } from '../../test/org-context.tsx';
import { PermissionEditor } from './permission-editor.tsx';
import { RoleManager } from './role-manager.tsx';

describe('role components', () => {
  let keystone: TestKeystone;
  beforeAll(async () => {
    keystone = await startKeystone();
    // An application permission the instance declares: owners hold it, so editors offer it.
    const operator = createKeystoneClient({ baseUrl: keystone.url, headers: keystone.operator });
    await operator.POST('/v1/app-permissions', {
      body: { key: 'projects:create', description: 'Create projects' },
    });
  });
  afterAll(() => keystone.stop());
  afterEach(cleanup);

  it('RoleManager lists built-in roles, creates a custom role, refuses a duplicate key (role_exists)', async () => {
    const owner = await signUpUser(keystone, 'roles-owner');
    const org = await createOrganization(keystone, owner, 'Roles Co');
    const created: string[] = [];
    const user = userEvent.setup();
    render(
      <TestKeystoneProvider keystone={keystone} user={owner} activeOrganizationId={org.id}>
        <RoleManager onRoleCreate={(role) => created.push(role.key)} />
      </TestKeystoneProvider>,
    );
    const list = await screen.findByRole('list', { name: 'Roles' });
    const owners = within(list).getByText('Owner').closest('li') as HTMLElement;
    expect(within(owners).getByText('Built-in')).toBeTruthy();
    expect(within(owners).queryByRole('button')).toBeNull();

    await user.type(screen.getByLabelText('Key (e.g. project-lead)'), 'project-lead');
    await user.type(screen.getByLabelText('Name'), 'Project lead');
    const permissions = screen.getByRole('group', { name: 'Permissions of the new role' });
    await user.click(within(permissions).getByLabelText('members:view'));
    await user.click(within(permissions).getByLabelText('projects:create'));
    await user.click(screen.getByRole('button', { name: 'Create role' }));
    expect(await within(list).findByText('Project lead')).toBeTruthy();
    expect(created).toEqual(['project-lead']);
    const { data } = await owner.client.GET('/v1/organizations/{orgId}/roles', {
      params: { path: { orgId: org.id } },
    });
    expect(data?.data.find((role) => role.key === 'project-lead')?.permissions.sort()).toEqual([
      'members:view',
      'projects:create',
    ]);

    await user.type(screen.getByLabelText('Key (e.g. project-lead)'), 'project-lead');
    await user.type(screen.getByLabelText('Name'), 'Again');
    await user.click(screen.getByRole('button', { name: 'Create role' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A role with that key already exists.');
  });

  it('RoleManager edits permissions with PermissionEditor and deletes a role once no member has it (role_in_use)', async () => {
    const owner = await signUpUser(keystone, 'editor-owner');
    const member = await signUpUser(keystone, 'editor-member');
    const org = await createOrganization(keystone, owner, 'Editor Co');
    const path = { orgId: org.id };
    await owner.client.POST('/v1/organizations/{orgId}/roles', {
      params: { path },
      body: { key: 'auditor', name: 'Auditor', permissions: ['org:read'] },
    });
    const operator = createKeystoneClient({ baseUrl: keystone.url, headers: keystone.operator });
    await operator.POST('/v1/organizations/{orgId}/members', {
      params: { path },
      body: { user_id: member.id, role: 'auditor' },
    });
    const updated: string[] = [];
    const deleted: string[] = [];
    const user = userEvent.setup();
    render(
      <TestKeystoneProvider keystone={keystone} user={owner} activeOrganizationId={org.id}>
        <RoleManager
          onRoleUpdate={(role) => updated.push(role.permissions.join(','))}
          onRoleDelete={(key) => deleted.push(key)}
        />
      </TestKeystoneProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Edit permissions of Auditor' }));
    const editor = await screen.findByRole('group', { name: 'Permissions of Auditor' });
    expect((within(editor).getByLabelText('org:read') as HTMLInputElement).checked).toBe(true);
    await user.click(within(editor).getByLabelText('audit:view'));
    await user.click(screen.getByRole('button', { name: 'Save permissions of Auditor' }));
    await waitFor(() => expect(updated).toEqual(['org:read,audit:view']));
    expect(screen.queryByRole('group', { name: 'Permissions of Auditor' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Delete role Auditor' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Members still have this role. Give them another role first.',
    );
    await owner.client.PATCH('/v1/organizations/{orgId}/members/{userId}', {
      params: { path: { ...path, userId: member.id } },
      body: { role: 'viewer' },
    });
    await user.click(screen.getByRole('button', { name: 'Delete role Auditor' }));
    await waitFor(() => expect(screen.queryByText('Auditor')).toBeNull());
    expect(deleted).toEqual(['auditor']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('RoleManager shows forbidden to a member without roles:manage; readOnly offers no changes', async () => {
    const owner = await signUpUser(keystone, 'ro-owner');
    const member = await signUpUser(keystone, 'ro-member');
    const org = await createOrganization(keystone, owner, 'Read Only Co', [{ user: member, role: 'member' }]);
    const user = userEvent.setup();
    const { unmount } = render(
      <TestKeystoneProvider keystone={keystone} user={member} activeOrganizationId={org.id}>
        <RoleManager />
      </TestKeystoneProvider>,
    );
    await user.type(await screen.findByLabelText('Key (e.g. project-lead)'), 'sneaky');
    await user.type(screen.getByLabelText('Name'), 'Sneaky');
    await user.click(screen.getByRole('button', { name: 'Create role' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You do not have permission to do that.');
    unmount();

    render(
      <TestKeystoneProvider keystone={keystone} user={member} activeOrganizationId={org.id}>
        <RoleManager readOnly />
      </TestKeystoneProvider>,
    );
    expect(await screen.findByRole('list', { name: 'Roles' })).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('PermissionEditor shows a built-in role read-only and refuses granting what the editor lacks', async () => {
    const owner = await signUpUser(keystone, 'pe-owner');
    const admin = await signUpUser(keystone, 'pe-admin');
    const org = await createOrganization(keystone, owner, 'Perm Editor Co', [{ user: admin, role: 'admin' }]);
    await owner.client.POST('/v1/organizations/{orgId}/roles', {
      params: { path: { orgId: org.id } },
      body: { key: 'helper', name: 'Helper', permissions: ['org:read'] },
    });
    const user = userEvent.setup();
    render(
      <TestKeystoneProvider keystone={keystone} user={admin} activeOrganizationId={org.id}>
        <PermissionEditor roleKey="viewer" />
        <PermissionEditor roleKey="helper" />
      </TestKeystoneProvider>,
    );
    const builtIn = await screen.findByRole('group', { name: 'Permissions of Viewer' });
    expect((builtIn as HTMLFieldSetElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save permissions of Viewer' })).toBeNull();

    const helper = screen.getByRole('group', { name: 'Permissions of Helper' });
    await user.click(within(helper).getByLabelText('org:delete'));
    await user.click(screen.getByRole('button', { name: 'Save permissions of Helper' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You do not have permission to do that.');
  });
});
