import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startKeystone, type TestKeystone } from '../../test/keystone-server.ts';
import { createOrganization, signUpUser, TestKeystoneProvider } from '../../test/org-context.tsx';
import { OrganizationSwitcher } from '../organizations/organization-switcher.tsx';
import { TenantProvider } from '../organizations/tenant-provider.tsx';
import { InviteMemberModal } from './invite-member-modal.tsx';
import { MemberList } from './member-list.tsx';
import { MemberRoleManager } from './member-role-manager.tsx';
import { PendingInvitations } from './pending-invitations.tsx';

function InviteButton({ onInvite }: { onInvite?: (email: string, role: string) => void }) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button type="button" ref={opener} onClick={() => setOpen(true)}>
        Invite people
      </button>
      <InviteMemberModal isOpen={open} onClose={() => setOpen(false)} {...(onInvite ? { onInvite } : {})} />
      <PendingInvitations />
    </>
  );
}

describe('member components', () => {
  let keystone: TestKeystone;
  beforeAll(async () => {
    keystone = await startKeystone();
  });
  afterAll(() => keystone.stop());
  afterEach(cleanup);

  it('MemberList shows members with roles to a member and forbidden to a viewer', async () => {
    const owner = await signUpUser(keystone, 'Olivia');
    const member = await signUpUser(keystone, 'Mark');
    const viewer = await signUpUser(keystone, 'Vera');
    const org = await createOrganization(keystone, owner, 'Members Co', [
      { user: member, role: 'member' },
      { user: viewer, role: 'viewer' },
    ]);
    const { unmount } = render(
      <TestKeystoneProvider keystone={keystone} user={member} activeOrganizationId={org.id}>
        <MemberList />
      </TestKeystoneProvider>,
    );
    const list = await screen.findByRole('list', { name: 'Members' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.querySelector('.ks-member-list__name')?.textContent)).toEqual([
      'Olivia',
      'Mark',
      'Vera',
    ]);
    expect(rows.map((row) => row.querySelector('.ks-member-list__role')?.textContent)).toEqual([
      'owner',
      'member',
      'viewer',
    ]);
    unmount();

    render(
      <TestKeystoneProvider keystone={keystone} user={viewer} activeOrganizationId={org.id}>
        <MemberList />
      </TestKeystoneProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('You do not have permission to do that.');
  });

  it('MemberList actions change a role, remove a member, and refuse demoting the last owner (last_owner)', async () => {
    const owner = await signUpUser(keystone, 'Owen');
    const dev = await signUpUser(keystone, 'Dana');
    const leaving = await signUpUser(keystone, 'Leo');
    const org = await createOrganization(keystone, owner, 'Actions Co', [
      { user: dev, role: 'member' },
      { user: leaving, role: 'member' },
    ]);
    const user = userEvent.setup();
    render(
      <TestKeystoneProvider keystone={keystone} user={owner} activeOrganizationId={org.id}>
        <MemberList showActions />
      </TestKeystoneProvider>,
    );
    const role = await screen.findByLabelText('Role of Dana');
    await waitFor(() => expect(within(role).getAllByRole('option').length).toBeGreaterThan(2));
    await user.selectOptions(role, 'developer');
    await user.click(screen.getByRole('button', { name: 'Change role of Dana' }));
    await waitFor(async () => {
      const { data } = await owner.client.GET('/v1/organizations/{orgId}/members', {
        params: { path: { orgId: org.id } },
      });
      expect(data?.data.find((m) => m.user_id === dev.id)?.role).toBe('developer');
    });

    await user.click(screen.getByRole('button', { name: 'Remove Leo' }));
    await waitFor(() => expect(screen.queryByText('Leo')).toBeNull());

    await user.selectOptions(screen.getByLabelText('Role of Owen'), 'admin');
    await user.click(screen.getByRole('button', { name: 'Change role of Owen' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'An organization needs at least one owner. Make someone else owner first.',
    );
  });

  it('MemberRoleManager: an admin cannot make someone owner (forbidden), an owner can', async () => {
    const owner = await signUpUser(keystone, 'Rita');
    const admin = await signUpUser(keystone, 'Abe');
    const member = await signUpUser(keystone, 'Mona');
    const org = await createOrganization(keystone, owner, 'Roles Change Co', [
      { user: admin, role: 'admin' },
      { user: member, role: 'member' },
    ]);
    const { data } = await owner.client.GET('/v1/organizations/{orgId}/members', {
      params: { path: { orgId: org.id } },
    });
    const mona = data?.data.find((m) => m.user_id === member.id);
    if (!mona) throw new Error('no member');
    const changed: string[] = [];
    const user = userEvent.setup();
    const { unmount } = render(
      <TestKeystoneProvider keystone={keystone} user={admin} activeOrganizationId={org.id}>
        <MemberRoleManager member={mona} />
      </TestKeystoneProvider>,
    );
    const select = await screen.findByLabelText('Role of Mona');
    await waitFor(() => expect(within(select).getAllByRole('option').length).toBeGreaterThan(2));
    expect((screen.getByRole('button', { name: 'Change role of Mona' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    await user.selectOptions(select, 'owner');
    await user.click(screen.getByRole('button', { name: 'Change role of Mona' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You do not have permission to do that.');
    unmount();

    render(
      <TestKeystoneProvider keystone={keystone} user={owner} activeOrganizationId={org.id}>
        <MemberRoleManager member={mona} onRoleChange={(m) => changed.push(m.role)} />
      </TestKeystoneProvider>,
    );
    const again = await screen.findByLabelText('Role of Mona');
    await waitFor(() => expect(within(again).getAllByRole('option').length).toBeGreaterThan(2));
    await user.selectOptions(again, 'owner');
    await user.click(screen.getByRole('button', { name: 'Change role of Mona' }));
    await waitFor(() => expect(changed).toEqual(['owner']));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('switching organization refreshes the member list', async () => {
    const owner = await signUpUser(keystone, 'Sam');
    const alice = await signUpUser(keystone, 'Alice');
    const bob = await signUpUser(keystone, 'Bob');
    const first = await createOrganization(keystone, owner, 'Alpha Org', [{ user: alice, role: 'member' }]);
    await createOrganization(keystone, owner, 'Beta Org', [{ user: bob, role: 'member' }]);
    const user = userEvent.setup();
    render(
      <TestKeystoneProvider keystone={keystone} user={owner} activeOrganizationId={first.id}>
        <TenantProvider>
          <OrganizationSwitcher />
          <MemberList />
        </TenantProvider>
      </TestKeystoneProvider>,
    );
    expect(await screen.findByText('Alice')).toBeTruthy();
    expect(screen.queryByText('Bob')).toBeNull();
    await waitFor(() => expect(screen.getAllByRole('option').length).toBe(3));
    await user.selectOptions(screen.getByLabelText('Organization'), 'Beta Org');
    expect(await screen.findByText('Bob')).toBeTruthy();
    expect(screen.queryByText('Alice')).toBeNull();
  });

  it('InviteMemberModal traps focus, closes on Escape returning focus, and invites (mail sent, list refreshed)', async () => {
    const owner = await signUpUser(keystone, 'Ivy');
    const org = await createOrganization(keystone, owner, 'Invite Co');
    const invited: string[] = [];
    const user = userEvent.setup();
    render(
      <TestKeystoneProvider keystone={keystone} user={owner} activeOrganizationId={org.id}>
        <InviteButton onInvite={(email, role) => invited.push(`${email}:${role}`)} />
      </TestKeystoneProvider>,
    );
    expect(await screen.findByText('No pending invitations.')).toBeTruthy();
    const opener = await screen.findByRole('button', { name: 'Invite people' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Invite a member' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const email = within(dialog).getByLabelText('Email address');
    expect(document.activeElement).toBe(email);
    // The page behind is inert while the dialog is open.
    expect(opener.hasAttribute('inert')).toBe(true);
    expect(dialog.closest('[inert]')).toBeNull();

    // Shift+Tab from the first field wraps to the last control; Tab from there back to the first.
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.type(email, 'x');
    await user.tab();
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Send invitation' }));
    await user.tab();
    expect(document.activeElement).toBe(email);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(opener.hasAttribute('inert')).toBe(false);

    await user.click(opener);
    const address = `nina-${Date.now()}@example.test`;
    await user.type(screen.getByLabelText('Email address'), address);
    await waitFor(() =>
      expect(within(screen.getByLabelText('Role')).getAllByRole('option').length).toBeGreaterThan(2),
    );
    await user.selectOptions(screen.getByLabelText('Role'), 'developer');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(opener);
    expect(invited).toEqual([`${address}:developer`]);
    const list = await screen.findByRole('list', { name: 'Pending invitations' });
    expect(within(list).getByText(address)).toBeTruthy();
    const mail = await keystone.smtp.waitForMail(address);
    expect(mail.text).toContain('ks_inv_');
  });

  it('InviteMemberModal shows already_a_member and keeps the dialog open', async () => {
    const owner = await signUpUser(keystone, 'Ada');
    const member = await signUpUser(keystone, 'Max');
    const org = await createOrganization(keystone, owner, 'Already Co', [{ user: member, role: 'member' }]);
    const user = userEvent.setup();
    render(
      <TestKeystoneProvider keystone={keystone} user={owner} activeOrganizationId={org.id}>
        <InviteMemberModal isOpen onClose={() => {}} />
      </TestKeystoneProvider>,
    );
    await user.type(await screen.findByLabelText('Email address'), member.email);
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That person is already a member of this organization.',
    );
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('PendingInvitations resends, withdraws, and shows a revoked invitation and forbidden', async () => {
    const owner = await signUpUser(keystone, 'Pat');
    const viewer = await signUpUser(keystone, 'Vic');
    const org = await createOrganization(keystone, owner, 'Pending Co', [{ user: viewer, role: 'viewer' }]);
    const path = { orgId: org.id };
    const first = `first-${Date.now()}@example.test`;
    const second = `second-${Date.now()}@example.test`;
    await owner.client.POST('/v1/organizations/{orgId}/invitations', {
      params: { path },
      body: { email: first, role: 'member' },
    });
    const { data: revoked } = await owner.client.POST('/v1/organizations/{orgId}/invitations', {
      params: { path },
      body: { email: second, role: 'member' },
    });
    const user = userEvent.setup();
    const { unmount } = render(
      <TestKeystoneProvider keystone={keystone} user={owner} activeOrganizationId={org.id}>
        <PendingInvitations />
      </TestKeystoneProvider>,
    );
    // Withdrawn behind the list's back (another admin): resending answers invitation_revoked.
    await screen.findByRole('button', { name: `Resend to ${second}` });
    await owner.client.DELETE('/v1/organizations/{orgId}/invitations/{invitationId}', {
      params: { path: { ...path, invitationId: revoked?.id as string } },
    });
    await user.click(screen.getByRole('button', { name: `Resend to ${second}` }));
    expect((await screen.findByRole('alert')).textContent).toBe('This invitation was withdrawn.');

    // Resending the open one mails a new link and refreshes the list (the withdrawn one leaves it).
    await user.click(screen.getByRole('button', { name: `Resend to ${first}` }));
    await keystone.smtp.waitForMail(first, { since: 1 });
    await waitFor(() => expect(screen.queryByText(second)).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();

    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: `Withdraw invitation to ${first}` }).hasAttribute('disabled'),
      ).toBe(false),
    );
    await user.click(screen.getByRole('button', { name: `Withdraw invitation to ${first}` }));
    await waitFor(() => expect(screen.queryByText(first)).toBeNull());
    expect(screen.getByText('No pending invitations.')).toBeTruthy();
    unmount();

    render(
      <TestKeystoneProvider keystone={keystone} user={viewer} activeOrganizationId={org.id}>
        <PendingInvitations />
      </TestKeystoneProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('You do not have permission to do that.');
  });
});
