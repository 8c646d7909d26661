import { createKeystoneClient, isKeystoneApiError } from '@keystone/sdk';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  PASSWORD,
  renderWithKeystone,
  totpAt,
  uniqueEmail,
} from '../../test/auth-test-kit.tsx';
import { mailedCode, startKeystone, type TestKeystone } from '../../test/keystone-server.ts';
import { useUser } from '../auth/use-auth.ts';
import { UserProfile, type UserProfileSection } from './user-profile.tsx';

function Name() {
  const { user } = useUser();
  return <p data-testid="user">{user ? `${user.name} <${user.email}>` : 'nobody'}</p>;
}

describe('UserProfile', () => {
  let keystone: TestKeystone;
  beforeAll(async () => {
    keystone = await startKeystone();
  });
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
  });
  afterAll(() => keystone.stop());

  /** A signed-in account whose session the provider restores from sessionStorage. */
  let otherRefreshToken = '';

  async function renderSignedIn(sections?: UserProfileSection[], before?: (email: string) => Promise<void>) {
    const account = await createAccount(keystone, 'pat');
    await before?.(account.email);
    const { answer } = account;
    sessionStorage.setItem(
      'keystone.session',
      JSON.stringify({
        accessToken: answer.access_token,
        refreshToken: answer.refresh_token,
        expiresAt: Date.now() + answer.expires_in * 1000,
      }),
    );
    renderWithKeystone(
      keystone,
      <>
        <UserProfile {...(sections ? { sections } : {})} />
        <Name />
      </>,
      { storage: 'sessionStorage' },
    );
    await waitFor(() => expect(screen.getByTestId('user').textContent).toBe(`pat <${account.email}>`));
    return { account, user: userEvent.setup() };
  }

  it('asks a signed-out visitor to sign in', async () => {
    renderWithKeystone(keystone, <UserProfile />);
    await screen.findByText('Sign in to see your account.');
  });

  it('changes the name', async () => {
    const { account, user } = await renderSignedIn(['profile']);
    const name = screen.getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Pat Q.');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(screen.getByTestId('user').textContent).toBe(`Pat Q. <${account.email}>`);
  });

  it('changes the email address with the code mailed to the new one (a wrong password is a problem)', async () => {
    const { user } = await renderSignedIn(['email']);
    const newEmail = uniqueEmail('moved');
    await user.type(screen.getByLabelText('New email address'), newEmail);
    await user.type(screen.getByLabelText('Current password'), 'not my password at all');
    await user.click(screen.getByRole('button', { name: 'Change email' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The email or password is not correct.');
    await user.clear(screen.getByLabelText('Current password'));
    await user.type(screen.getByLabelText('Current password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Change email' }));
    const codeInput = await screen.findByLabelText('Code from the email');
    const mail = await keystone.smtp.waitForMail(newEmail);
    await user.type(codeInput, mailedCode(mail.text));
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    await screen.findByText(`Your email address is now ${newEmail}.`);
    expect(screen.getByTestId('user').textContent).toBe(`pat <${newEmail}>`);
  });

  it('changes the password (a wrong current one is a problem)', async () => {
    const { account, user } = await renderSignedIn(['password']);
    await user.type(screen.getByLabelText('Current password'), 'wrong wrong wrong');
    await user.type(screen.getByLabelText('New password'), 'another fine passphrase 9');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The email or password is not correct.');
    await user.clear(screen.getByLabelText('Current password'));
    await user.type(screen.getByLabelText('Current password'), PASSWORD);
    await user.clear(screen.getByLabelText('New password'));
    await user.type(screen.getByLabelText('New password'), 'another fine passphrase 9');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'Password changed. Your other sessions were signed out.',
    );
    const anonymous = createKeystoneClient({ baseUrl: keystone.url });
    const { data } = await anonymous.POST('/v1/auth/sign-in', {
      body: { email: account.email, password: 'another fine passphrase 9' },
    });
    expect(data?.status).toBe('signed_in');
  });

  it("enrolls an authenticator app from the server's QR code, shows the recovery codes once, and turns it off", async () => {
    const { user } = await renderSignedIn(['mfa']);
    await user.click(await screen.findByRole('button', { name: 'Set up an authenticator app' }));
    const qr = await screen.findByRole('img', { name: 'QR code for your authenticator app' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const secret = document.querySelector('.ks-user-profile__secret')?.textContent ?? '';
    const step = Math.floor(Date.now() / 30_000);
    await user.type(screen.getByLabelText('Code from your authenticator app'), '000000');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That code is not valid. Check your authenticator app and try again.',
    );
    await user.clear(screen.getByLabelText('Code from your authenticator app'));
    await user.type(screen.getByLabelText('Code from your authenticator app'), totpAt(secret, step));
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    const codes = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(within(codes).getAllByRole('listitem')).toHaveLength(10);
    await user.click(screen.getByRole('button', { name: 'I have saved them' }));
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).toBeNull();
    await screen.findByText('On. 10 recovery codes left.');

    // New recovery codes (this session signed in moments ago, so no code is needed): shown once more.
    await user.click(screen.getByRole('button', { name: 'Get new recovery codes' }));
    const fresh = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(within(fresh).getAllByRole('listitem')).toHaveLength(10);
    await user.click(screen.getByRole('button', { name: 'I have saved them' }));
    await screen.findByText('On. 10 recovery codes left.');

    await user.type(screen.getByLabelText('Code from your authenticator app'), totpAt(secret, step + 1));
    await user.click(screen.getByRole('button', { name: 'Turn off two-step verification' }));
    await screen.findByRole('button', { name: 'Set up an authenticator app' });
  });

  it('lists the sessions and signs out another device, whose refresh token then stops working', async () => {
    const { account, user } = await renderSignedIn(['sessions'], async (email) => {
      const anonymous = createKeystoneClient({ baseUrl: keystone.url });
      const other = (await anonymous.POST('/v1/auth/sign-in', { body: { email, password: PASSWORD } })).data;
      if (other?.status !== 'signed_in') throw new Error('expected tokens');
      otherRefreshToken = other.refresh_token ?? '';
    });
    expect(account.email).toContain('@');
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    const devices = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(devices.filter((text) => text?.includes('(this device)'))).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Sign out this device' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    const anonymous = createKeystoneClient({ baseUrl: keystone.url });
    const refused = await anonymous
      .POST('/v1/auth/refresh', { body: { refresh_token: otherRefreshToken } })
      .catch((error: unknown) => error);
    expect(isKeystoneApiError(refused) && refused.status).toBe(401);
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByText('Sign in to see your account.');
  });
});
