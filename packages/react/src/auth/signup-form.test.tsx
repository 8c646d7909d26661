import { cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, renderWithKeystone, uniqueEmail } from '../../test/auth-test-kit.tsx';
import { mailedCode, startKeystone, type TestKeystone } from '../../test/keystone-server.ts';
import { LoginForm } from './login-form.tsx';
import { SignupForm } from './signup-form.tsx';

describe('SignupForm (an instance that requires verified addresses)', () => {
  let keystone: TestKeystone;
  beforeAll(async () => {
    keystone = await startKeystone({ KEYSTONE_REQUIRE_EMAIL_VERIFICATION: 'true' });
  });
  afterEach(cleanup);
  afterAll(() => keystone.stop());

  async function fillDetails(user: ReturnType<typeof userEvent.setup>, email: string, password: string) {
    await user.type(screen.getByLabelText('Name'), 'Nia');
    await user.type(screen.getByLabelText('Email'), email);
    await user.type(screen.getByLabelText('Password'), password);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
  }

  it('creates the account, then verifies the address with the mailed code (a wrong one is a problem)', async () => {
    const user = userEvent.setup();
    const email = uniqueEmail('nia');
    const created: string[] = [];
    renderWithKeystone(keystone, <SignupForm onSuccess={(result) => created.push(result.email)} />);
    await fillDetails(user, email, PASSWORD);
    const codeInput = await screen.findByLabelText('Code from the email');
    expect(screen.getByRole('status').textContent).toBe(`We emailed a code to ${email}. Enter it to finish.`);
    await user.type(codeInput, '000000');
    await user.click(screen.getByRole('button', { name: 'Verify email' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That code is not valid or has expired. Ask for a new one.',
    );
    const mail = await keystone.smtp.waitForMail(email);
    await user.clear(codeInput);
    await user.type(codeInput, mailedCode(mail.text));
    await user.click(screen.getByRole('button', { name: 'Verify email' }));
    const heading = await screen.findByRole('heading', { name: 'Account created' });
    expect(document.activeElement).toBe(heading);
    expect(created).toEqual([email]);

    // The verified account signs in.
    cleanup();
    let signedIn = false;
    renderWithKeystone(
      keystone,
      <LoginForm
        onSuccess={() => {
          signedIn = true;
        }}
      />,
    );
    await user.type(screen.getByLabelText('Email'), email);
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(signedIn).toBe(true));
  });

  it("shows the server's reasons for refusing a password", async () => {
    const user = userEvent.setup();
    renderWithKeystone(keystone, <SignupForm />);
    await fillDetails(user, uniqueEmail('weak'), 'password123');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent?.length).toBeGreaterThan(10);
    expect(screen.getByRole('button', { name: 'Create account' })).toBeTruthy();
  });

  it('sends a new code on request', async () => {
    const user = userEvent.setup();
    const email = uniqueEmail('resend');
    renderWithKeystone(keystone, <SignupForm showName={false} />);
    expect(screen.queryByLabelText('Name')).toBeNull();
    await user.type(screen.getByLabelText('Email'), email);
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await user.click(await screen.findByRole('button', { name: 'Send a new code' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(`We sent a new code to ${email}.`),
    );
    const second = await keystone.smtp.waitForMail(email, { since: 1 });
    await user.type(screen.getByLabelText('Code from the email'), mailedCode(second.text));
    await user.click(screen.getByRole('button', { name: 'Verify email' }));
    await screen.findByText('Account created');
  });
});
