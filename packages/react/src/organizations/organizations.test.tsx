import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startKeystone, type TestKeystone } from '../../test/keystone-server.ts';
import { createOrganization, signUpUser, TestKeystoneProvider } from '../../test/org-context.tsx';
import { CreateOrganization } from './create-organization.tsx';
import { OrganizationDetail } from './organization-detail.tsx';
import { OrganizationList } from './organization-list.tsx';
import { OrganizationSettings } from './organization-settings.tsx';
import { OrganizationSwitcher } from './organization-switcher.tsx';
import { TenantProvider, useTenant } from './tenant-provider.tsx';

function CurrentName() {
  const { currentOrganization } = useTenant();
  return <output aria-label="current">{currentOrganization?.name ?? 'none'}</output>;
}

describe('organization components', () => {
  let keystone: TestKeystone;
  beforeAll(async () => {
    keystone = await startKeystone();
  });
  afterAll(() => keystone.stop());
  afterEach(cleanup);

  it('CreateOrganization creates an organization, makes it current, and shows slug_taken', async () => {
    const owner = await signUpUser(keystone, 'creator');
    await createOrganization(keystone, owner, 'Taken Slug Inc');
    const user = userEvent.setup();
    render(
      <TestKeystoneProvider keystone={keystone} user={owner}>
        <TenantProvider>
          <CurrentName />
          <CreateOrganization />
        </TenantProvider>
      </TestKeystoneProvider>,
    );
    await user.type(await screen.findByLabelText('Organization name'), 'Rocket Labs');
    await user.type(screen.getByLabelText('URL slug (optional)'), 'taken-slug-inc');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That URL slug is already taken. Choose another.',
    );
    await user.clear(screen.getByLabelText('URL slug (optional)'));
    await user.click(screen.getByRole('button', { name: 'Create organization' }));
    await waitFor(() => expect(screen.getByLabelText('current').textContent).toBe('Rocket Labs'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('OrganizationSwitcher lists the organizations and switches the current one', async () => {
    const owner = await signUpUser(keystone, 'switcher');
    const first = await createOrganization(keystone, owner, 'First Co');
    await createOrganization(keystone, owner, 'Second Co');
    const switched: string[] = [];
    const user = userEvent.setup();
    render(
      <TestKeystoneProvider keystone={keystone} user={owner} activeOrganizationId={first.id}>
        <TenantProvider>
          <CurrentName />
          <OrganizationSwitcher onSwitch={(organization) => switched.push(organization.name)} />
        </TenantProvider>
      </TestKeystoneProvider>,
    );
    await waitFor(() => expect(screen.getByLabelText('current').textContent).toBe('First Co'));
    const select = screen.getByLabelText('Organization');
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Choose an organization', 'First Co', 'Second Co']);
    await user.selectOptions(select, 'Second Co');
    await waitFor(() => expect(screen.getByLabelText('current').textContent).toBe('Second Co'));
    expect(switched).toEqual(['Second Co']);
  });

  it('OrganizationSwitcher creates an organization from its button and switches to it', async () => {
    const owner = await signUpUser(keystone, 'switch-create');
    const switched: string[] = [];
    const user = userEvent.setup();
    render(
      <TestKeystoneProvider keystone={keystone} user={owner}>
        <TenantProvider>
          <CurrentName />
          <OrganizationSwitcher
            showCreateButton
            onSwitch={(organization) => switched.push(organization.name)}
          />
        </TenantProvider>
      </TestKeystoneProvider>,
    );
    const button = await screen.findByRole('button', { name: 'New organization' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await user.click(button);
    await user.type(screen.getByLabelText('Organization name'), 'Fresh Start');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));
    await waitFor(() => expect(screen.getByLabelText('current').textContent).toBe('Fresh Start'));
    expect(switched).toEqual(['Fresh Start']);
    expect(screen.queryByLabelText('Organization name')).toBeNull();
    expect((screen.getByLabelText('Organization') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe(
      'Fresh Start',
    );
  });

  it('OrganizationList shows roles and refuses the last owner leaving (last_owner)', async () => {
    const owner = await signUpUser(keystone, 'lister');
    const viewer = await signUpUser(keystone, 'viewer');
    await createOrganization(keystone, owner, 'Solo Owner Org', [{ user: viewer, role: 'viewer' }]);
    const user = userEvent.setup();
    const { unmount } = render(
      <TestKeystoneProvider keystone={keystone} user={owner}>
        <OrganizationList />
      </TestKeystoneProvider>,
    );
    const item = (await screen.findByText('Solo Owner Org')).closest('li') as HTMLElement;
    expect(within(item).getByText('owner')).toBeTruthy();
    await user.click(within(item).getByRole('button', { name: 'Leave Solo Owner Org' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'An organization needs at least one owner. Make someone else owner first.',
    );
    unmount();

    // A viewer may leave: the organization disappears from their list.
    render(
      <TestKeystoneProvider keystone={keystone} user={viewer}>
        <OrganizationList emptyState={<p>No organizations</p>} />
      </TestKeystoneProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Leave Solo Owner Org' }));
    expect(await screen.findByText('No organizations')).toBeTruthy();
  });

  it('OrganizationSettings saves name, branding and slug, and shows forbidden to a viewer', async () => {
    const owner = await signUpUser(keystone, 'settings');
    const viewer = await signUpUser(keystone, 'settings-viewer');
    const org = await createOrganization(keystone, owner, 'Settings Co', [{ user: viewer, role: 'viewer' }]);
    await createOrganization(keystone, owner, 'Other Slug Co');
    const user = userEvent.setup();
    const { unmount } = render(
      <TestKeystoneProvider keystone={keystone} user={owner} activeOrganizationId={org.id}>
        <OrganizationSettings />
      </TestKeystoneProvider>,
    );
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Settings Company');
    await user.type(screen.getByLabelText('Brand color'), '#112233');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('status')).textContent).toBe('Settings saved.');
    const { data } = await owner.client.GET('/v1/organizations/{orgId}', {
      params: { path: { orgId: org.id } },
    });
    expect(data?.name).toBe('Settings Company');
    expect(data?.branding).toEqual({ primary_color: '#112233' });

    await user.clear(screen.getByLabelText('URL slug'));
    await user.type(screen.getByLabelText('URL slug'), 'other-slug-co');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That URL slug is already taken. Choose another.',
    );

    // Requiring MFA from a session signed in without it would lock the owner out: refused, and said.
    await user.clear(screen.getByLabelText('URL slug'));
    await user.type(screen.getByLabelText('URL slug'), org.slug);
    await user.click(screen.getByLabelText('Require two-factor authentication for members'));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Two-step verification is required: set up an authenticator app and sign in with it first.',
      ),
    );
    unmount();

    render(
      <TestKeystoneProvider keystone={keystone} user={viewer} activeOrganizationId={org.id}>
        <OrganizationSettings />
      </TestKeystoneProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You do not have permission to do that.');
  });

  it('OrganizationDetail shows the organization to a member and not_a_member to a stranger', async () => {
    const owner = await signUpUser(keystone, 'detail');
    const stranger = await signUpUser(keystone, 'stranger');
    const org = await createOrganization(keystone, owner, 'Detail Co');
    const { unmount } = render(
      <TestKeystoneProvider keystone={keystone} user={owner} activeOrganizationId={org.id}>
        <OrganizationDetail />
      </TestKeystoneProvider>,
    );
    expect((await screen.findByRole('heading', { name: 'Detail Co' })).tagName).toBe('H2');
    expect(screen.getByText(org.slug)).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Save settings' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete Detail Co' })).toBeTruthy();
    unmount();

    // A second organization to delete, after confirming; the user's list no longer has it.
    const doomed = await createOrganization(keystone, owner, 'Doomed Co');
    const deleted: string[] = [];
    const user = userEvent.setup();
    const second = render(
      <TestKeystoneProvider keystone={keystone} user={owner} activeOrganizationId={doomed.id}>
        <OrganizationDetail showSettings={false} onDelete={(id) => deleted.push(id)} />
      </TestKeystoneProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Delete Doomed Co' }));
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    await user.click(screen.getByRole('button', { name: 'Delete Doomed Co' }));
    await user.click(screen.getByRole('button', { name: 'Delete Doomed Co for good' }));
    await waitFor(() => expect(deleted).toEqual([doomed.id]));
    const { data: mine } = await owner.client.GET('/v1/me/organizations');
    expect(mine?.data.map((organization) => organization.name)).toEqual(['Detail Co']);
    second.unmount();

    render(
      <TestKeystoneProvider keystone={keystone} user={stranger}>
        <OrganizationDetail orgId={org.id} />
      </TestKeystoneProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('You are not a member of this organization.');
  });
});
