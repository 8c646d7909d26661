import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startKeystone, type TestKeystone } from '../../test/keystone-server.ts';
import {
  createOrganization,
  signUpUser,
  TestKeystoneProvider,
  type TestUser,
} from '../../test/org-context.tsx';
import { OrganizationSwitcher } from '../organizations/organization-switcher.tsx';
import { TenantProvider } from '../organizations/tenant-provider.tsx';
import { PermissionGate } from './permission-gate.tsx';
import { RoleGate } from './role-gate.tsx';
import { usePermissions } from './use-permissions.ts';

function Flags() {
  const { isOwner, isAdmin, roles, isLoading } = usePermissions();
  if (isLoading) return null;
  return <output aria-label="flags">{`${roles.join(',')} owner=${isOwner} admin=${isAdmin}`}</output>;
}

function Gates() {
  return (
    <>
      <PermissionGate permission="members:invite" fallback={<p>No invite</p>}>
        <button type="button">Invite</button>
      </PermissionGate>
      <PermissionGate permission={['members:invite', 'org:delete']} requireAll fallback={<p>Not both</p>}>
        <p>Invite and delete</p>
      </PermissionGate>
      <PermissionGate permission={['org:delete', 'org:read']} fallback={<p>Neither</p>}>
        <p>Delete or read</p>
      </PermissionGate>
      <RoleGate role={['owner', 'admin']} fallback={<p>Not staff</p>}>
        <p>Staff area</p>
      </RoleGate>
      <Flags />
    </>
  );
}

describe('permission gates', () => {
  let keystone: TestKeystone;
  let owner: TestUser;
  let admin: TestUser;
  let viewer: TestUser;
  let org: { id: string };
  beforeAll(async () => {
    keystone = await startKeystone();
    owner = await signUpUser(keystone, 'owner');
    admin = await signUpUser(keystone, 'admin');
    viewer = await signUpUser(keystone, 'viewer');
    org = await createOrganization(keystone, owner, 'Gated Co', [
      { user: admin, role: 'admin' },
      { user: viewer, role: 'viewer' },
    ]);
  });
  afterAll(() => keystone.stop());
  afterEach(cleanup);

  it('PermissionGate hides children from a viewer and shows the fallback', async () => {
    render(
      <TestKeystoneProvider keystone={keystone} user={viewer} activeOrganizationId={org.id}>
        <Gates />
      </TestKeystoneProvider>,
    );
    expect((await screen.findByLabelText('flags')).textContent).toBe('viewer owner=false admin=false');
    expect(await screen.findByText('No invite')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Invite' })).toBeNull();
    expect(await screen.findByText('Not both')).toBeTruthy();
    expect(await screen.findByText('Delete or read')).toBeTruthy();
    expect(await screen.findByText('Not staff')).toBeTruthy();
  });

  it('PermissionGate shows children to an admin; requireAll needs every permission', async () => {
    render(
      <TestKeystoneProvider keystone={keystone} user={admin} activeOrganizationId={org.id}>
        <Gates />
      </TestKeystoneProvider>,
    );
    expect(await screen.findByRole('button', { name: 'Invite' })).toBeTruthy();
    expect(screen.queryByText('No invite')).toBeNull();
    // An admin lacks org:delete (owners only).
    expect(screen.getByText('Not both')).toBeTruthy();
    expect(screen.getByText('Staff area')).toBeTruthy();
    expect(screen.getByLabelText('flags').textContent).toBe('admin owner=false admin=true');
  });

  it('an owner passes every gate; orgId checks another organization than the active one', async () => {
    const elsewhere = await createOrganization(keystone, viewer, 'Viewer Owns This');
    render(
      <TestKeystoneProvider keystone={keystone} user={viewer} activeOrganizationId={org.id}>
        <PermissionGate permission="org:delete" orgId={elsewhere.id} fallback={<p>Cannot delete there</p>}>
          <p>May delete there</p>
        </PermissionGate>
        <PermissionGate permission="org:delete" fallback={<p>Cannot delete here</p>}>
          <p>May delete here</p>
        </PermissionGate>
        <PermissionGate
          permission="org:read"
          orgId={`${org.id.slice(0, -1)}X`}
          fallback={<p>Not a member there</p>}
        >
          <p>Reads a stranger</p>
        </PermissionGate>
      </TestKeystoneProvider>,
    );
    expect(await screen.findByText('May delete there')).toBeTruthy();
    expect(await screen.findByText('Cannot delete here')).toBeTruthy();
    expect(await screen.findByText('Not a member there')).toBeTruthy();
  });

  it('gates follow an organization switch', async () => {
    const second = await createOrganization(keystone, owner, 'Second Gated Co', [
      { user: viewer, role: 'admin' },
    ]);
    const user = userEvent.setup();
    render(
      <TestKeystoneProvider keystone={keystone} user={viewer} activeOrganizationId={org.id}>
        <TenantProvider>
          <OrganizationSwitcher />
          <Gates />
        </TenantProvider>
      </TestKeystoneProvider>,
    );
    expect(await screen.findByText('No invite')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getAllByRole('option').map((o) => o.textContent)).toContain('Second Gated Co'),
    );
    await user.selectOptions(screen.getByLabelText('Organization'), 'Second Gated Co');
    expect(await screen.findByRole('button', { name: 'Invite' })).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByLabelText('flags').textContent).toBe('admin owner=false admin=true'),
    );
    expect(screen.getByText('Staff area')).toBeTruthy();
    expect(second.id).toBeTruthy();
  });
});
