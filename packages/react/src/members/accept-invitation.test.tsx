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
import { useTenant } from '../organizations/tenant-provider.tsx';
import { AcceptInvitation } from './accept-invitation.tsx';

function Current() {
  const { currentOrganization } = useTenant();
  return <output aria-label="current">{currentOrganization?.name ?? 'none'}</output>;
}

describe('AcceptInvitation', () => {
  let keystone: TestKeystone;
  let owner: TestUser;
  let org: { id: string };
  beforeAll(async () => {
    keystone = await startKeystone();
    owner = await signUpUser(keystone, 'inviter');
    org = await createOrganization(keystone, owner, 'Welcome Co');
  });
  afterAll(() => keystone.stop());
  afterEach(cleanup);

  /** Invites the address and returns the token from the link in the real mail. */
  async function invite(email: string, role = 'member') {
    const before = keystone.smtp.messages.filter(
      (mail) => mail.to.toLowerCase() === email.toLowerCase(),
    ).length;
    const { data } = await owner.client.POST('/v1/organizations/{orgId}/invitations', {
      params: { path: { orgId: org.id } },
      body: { email, role },
    });
    const mail = await keystone.smtp.waitForMail(email, { since: before });
    const token = /ks_inv_[A-Za-z0-9]+/.exec(mail.text)?.[0];
    if (!token || !data) throw new Error('no invitation link');
    return { token, id: data.id };
  }

  it('a newcomer makes their account from the link and joins; the used link then says so', async () => {
    const email = `newcomer-${Date.now()}@example.test`;
    const { token } = await invite(email, 'developer');
    const joined: string[] = [];
    const user = userEvent.setup();
    const { unmount } = render(
      <TestKeystoneProvider keystone={keystone} user={null}>
        <Current />
        <AcceptInvitation token={token} onAccept={(orgId) => joined.push(orgId)} />
      </TestKeystoneProvider>,
    );
    expect((await screen.findByRole('heading', { name: 'Join Welcome Co' })).tagName).toBe('H2');
    expect(
      screen.getByText(/You are invited as Developer\. The invitation was sent to ne\*\*\*@example\.test\./),
    ).toBeTruthy();
    await user.type(screen.getByLabelText('Your name'), 'Nina');
    await user.type(screen.getByLabelText('Choose a password'), 'correct horse battery staple 42');
    await user.click(screen.getByRole('button', { name: 'Create account and join' }));
    await waitFor(() => expect(joined).toEqual([org.id]));
    await waitFor(() => expect(screen.getByLabelText('current').textContent).toBe('Welcome Co'));
    unmount();

    render(
      <TestKeystoneProvider keystone={keystone} user={null}>
        <AcceptInvitation token={token} />
      </TestKeystoneProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('This invitation has already been used.');
  });

  it('a signed-in invitee joins with one click; another address is refused (invitation_email_mismatch)', async () => {
    const invitee = await signUpUser(keystone, 'invitee');
    const other = await signUpUser(keystone, 'other');
    const { token } = await invite(invitee.email);
    const user = userEvent.setup();
    const { unmount } = render(
      <TestKeystoneProvider keystone={keystone} user={other}>
        <AcceptInvitation token={token} />
      </TestKeystoneProvider>,
    );
    await user.click(await screen.findByRole('button', { name: `Join Welcome Co as ${other.email}` }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This invitation was sent to another email address.',
    );
    unmount();

    const joined: string[] = [];
    render(
      <TestKeystoneProvider keystone={keystone} user={invitee}>
        <AcceptInvitation token={token} onAccept={(orgId) => joined.push(orgId)} />
      </TestKeystoneProvider>,
    );
    await user.click(await screen.findByRole('button', { name: `Join Welcome Co as ${invitee.email}` }));
    await waitFor(() => expect(joined).toEqual([org.id]));
    const { data } = await invitee.client.GET('/v1/me/organizations');
    expect(data?.data.map((organization) => organization.name)).toEqual(['Welcome Co']);
  });

  it('a withdrawn invitation and a replaced link say so', async () => {
    const email = `withdrawn-${Date.now()}@example.test`;
    const first = await invite(email);
    const second = await invite(email); // re-inviting replaces (revokes) the first
    await owner.client.POST('/v1/organizations/{orgId}/invitations/{invitationId}/resend', {
      params: { path: { orgId: org.id, invitationId: second.id } },
      body: {},
    });
    const { unmount } = render(
      <TestKeystoneProvider keystone={keystone} user={null}>
        <AcceptInvitation token={first.token} />
      </TestKeystoneProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('This invitation was withdrawn.');
    unmount();

    render(
      <TestKeystoneProvider keystone={keystone} user={null}>
        <AcceptInvitation token={second.token} />
      </TestKeystoneProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This invitation link is not valid. A newer one may have replaced it: check your mail.',
    );
  });
});
