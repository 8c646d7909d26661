import { createKeystoneClient } from '@keystone/sdk';
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, renderWithKeystone, uniqueEmail } from '../../test/auth-test-kit.tsx';
import { mailedCode, startKeystone, type TestKeystone } from '../../test/keystone-server.ts';
import { PasswordResetForm } from './password-reset-form.tsx';
import { PasswordResetRequest } from './password-reset-request.tsx';

describe('PasswordResetRequest and PasswordResetForm', () => {
  let keystone: TestKeystone;
  beforeAll(async () => {
    keystone = await startKeystone();
  });
  afterEach(cleanup);
  afterAll(() => keystone.stop());

  const NEW_PASSWORD = 'a brand new passphrase 77';

  async function signsInWith(email: string, password: string) {
    const anonymous = createKeystoneClient({ baseUrl: keystone.url });
    const { data } = await anonymous.POST('/v1/auth/sign-in', { body: { email, password } });
    return data?.status === 'signed_in';
  }

  it('mails a code, then sets the new password with it (a wrong code is a problem)', async () => {
    const user = userEvent.setup();
    const account = await createAccount(keystone, 'reset');
    renderWithKeystone(keystone, <PasswordResetRequest />);
    await user.type(screen.getByLabelText('Email'), account.email);
    await user.click(screen.getByRole('button', { name: 'Email me a reset code' }));
    expect((await screen.findByRole('status')).textContent).toContain(account.email);
    const mail = await keystone.smtp.waitForMail(account.email, { since: 1 });
    cleanup();

    let done = 0;
    renderWithKeystone(
      keystone,
      <PasswordResetForm
        email={account.email}
        onSuccess={() => {
          done += 1;
        }}
      />,
    );
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe(account.email);
    await user.type(screen.getByLabelText('Code from the email'), '000000');
    await user.type(screen.getByLabelText('New password'), NEW_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That code is not valid or has expired. Ask for a new one.',
    );
    await user.clear(screen.getByLabelText('Code from the email'));
    await user.type(screen.getByLabelText('Code from the email'), mailedCode(mail.text));
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    const heading = await screen.findByRole('heading', { name: 'Password changed' });
    expect(document.activeElement).toBe(heading);
    expect(done).toBe(1);
    expect(await signsInWith(account.email, NEW_PASSWORD)).toBe(true);
  });

  it("takes the link's token instead of the address and code", async () => {
    const user = userEvent.setup();
    const account = await createAccount(keystone, 'link');
    renderWithKeystone(keystone, <PasswordResetRequest />);
    await user.type(screen.getByLabelText('Email'), account.email);
    await user.click(screen.getByRole('button', { name: 'Email me a reset code' }));
    const mail = await keystone.smtp.waitForMail(account.email, { since: 1 });
    const token = /token=(ks_link_[\w-]+)/.exec(mail.text)?.[1] ?? '';
    expect(token).not.toBe('');
    cleanup();
    renderWithKeystone(keystone, <PasswordResetForm token={token} />);
    expect(screen.queryByLabelText('Code from the email')).toBeNull();
    await user.type(screen.getByLabelText('New password'), NEW_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    await screen.findByText('Password changed');
    expect(await signsInWith(account.email, NEW_PASSWORD)).toBe(true);
  });

  it('answers an unknown address the same way (nothing to learn from it)', async () => {
    const user = userEvent.setup();
    const email = uniqueEmail('nobody');
    renderWithKeystone(keystone, <PasswordResetRequest />);
    await user.type(screen.getByLabelText('Email'), email);
    await user.click(screen.getByRole('button', { name: 'Email me a reset code' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      `If ${email} has an account, we emailed it a code and a link to set a new password.`,
    );
  });
});
