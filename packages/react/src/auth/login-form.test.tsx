import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  enableTotp,
  PASSWORD,
  renderWithKeystone,
  totpAt,
  uniqueEmail,
} from '../../test/auth-test-kit.tsx';
import { mailedCode, startKeystone, type TestKeystone } from '../../test/keystone-server.ts';
import { LoginForm } from './login-form.tsx';
import { useAuth } from './use-auth.ts';

function WhoAmI() {
  const { user, isAuthenticated } = useAuth();
  return <p data-testid="who">{isAuthenticated ? `signed in as ${user?.email}` : 'signed out'}</p>;
}

describe('LoginForm', () => {
  let keystone: TestKeystone;
  beforeAll(async () => {
    // A low per-email limit so one test can reach it; every other test uses its own address.
    keystone = await startKeystone({ KEYSTONE_RATE_LIMIT_IDENTIFIER_PER_MINUTE: '6' });
  });
  afterEach(cleanup);
  afterAll(() => keystone.stop());

  function renderLogin(onSuccess = () => {}) {
    const user = userEvent.setup();
    renderWithKeystone(
      keystone,
      <>
        <LoginForm onSuccess={onSuccess} />
        <WhoAmI />
      </>,
    );
    return user;
  }

  it('signs in with email and password, showing that it is busy meanwhile', async () => {
    const account = await createAccount(keystone, 'ann');
    let succeeded = 0;
    const user = renderLogin(() => {
      succeeded += 1;
    });
    await waitFor(() => expect(screen.getByTestId('who').textContent).toBe('signed out'));
    await user.type(screen.getByLabelText('Email'), account.email);
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    const submit = screen.getByRole('button', { name: 'Sign in' });
    await user.click(submit);
    expect(submit.textContent).toBe('Please wait…');
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(succeeded).toBe(1));
    expect(screen.getByTestId('who').textContent).toBe(`signed in as ${account.email}`);
  });

  it('shows the server problem for a wrong password and stays signed out', async () => {
    const account = await createAccount(keystone, 'bob');
    const user = renderLogin();
    await user.type(screen.getByLabelText('Email'), account.email);
    await user.type(screen.getByLabelText('Password'), 'not the password at all');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The email or password is not correct.');
    expect(screen.getByTestId('who').textContent).toBe('signed out');
    expect((screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('names the field the server found invalid', async () => {
    const user = renderLogin();
    await user.type(screen.getByLabelText('Email'), 'not-an-address');
    await user.type(screen.getByLabelText('Password'), 'whatever whatever');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Check what you entered: email.');
  });

  it('says how long to wait when the server rate limits the attempts', async () => {
    const email = uniqueEmail('guess');
    const user = renderLogin();
    await user.type(screen.getByLabelText('Email'), email);
    await user.type(screen.getByLabelText('Password'), 'guess guess guess');
    const submit = screen.getByRole('button', { name: 'Sign in' });
    for (let attempt = 0; attempt < 8; attempt += 1) {
      await user.click(submit);
      await waitFor(() => expect((submit as HTMLButtonElement).disabled).toBe(false));
      if (screen.getByRole('alert').textContent?.startsWith('Too many attempts')) break;
    }
    expect(screen.getByRole('alert').textContent).toMatch(/^Too many attempts\. Try again in \d+ seconds\.$/);
  });

  it('asks for the authenticator code after the password and signs in with a real TOTP code', async () => {
    const account = await createAccount(keystone, 'mfa');
    const totp = await enableTotp(account.client);
    let succeeded = 0;
    const user = renderLogin(() => {
      succeeded += 1;
    });
    await user.type(screen.getByLabelText('Email'), account.email);
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const codeInput = await screen.findByLabelText('Code from your authenticator app');
    expect(document.activeElement).toBe(codeInput);
    expect(screen.getByTestId('who').textContent).toBe('signed out');
    await user.type(codeInput, '000000');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That code is not valid. Check your authenticator app and try again.',
    );
    await user.clear(codeInput);
    await user.type(codeInput, totpAt(totp.secret, totp.lastStep + 1));
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(succeeded).toBe(1));
    expect(screen.getByTestId('who').textContent).toBe(`signed in as ${account.email}`);
  });

  it('finishes the second step with a recovery code instead', async () => {
    const account = await createAccount(keystone, 'recovery');
    const totp = await enableTotp(account.client);
    const user = renderLogin();
    await user.type(screen.getByLabelText('Email'), account.email);
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await user.click(await screen.findByRole('button', { name: 'Use a recovery code instead' }));
    await user.type(screen.getByLabelText('Recovery code'), totp.recoveryCodes[0] ?? '');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(screen.getByTestId('who').textContent).toBe(`signed in as ${account.email}`));
  });

  it('signs in with a code mailed to the address, and shows a wrong code as a problem', async () => {
    const account = await createAccount(keystone, 'mail');
    const user = renderLogin();
    await user.click(screen.getByRole('button', { name: 'Email me a sign-in code instead' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));
    await user.keyboard(account.email);
    await user.keyboard('{Enter}');
    const codeInput = await screen.findByLabelText('Code from the email');
    expect(document.activeElement).toBe(codeInput);
    expect(screen.getByRole('status').textContent).toContain(account.email);
    const mail = await keystone.smtp.waitForMail(account.email, { since: 1 }); // the first was sign-up's
    await user.type(codeInput, '000000');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That code is not valid or has expired. Ask for a new one.',
    );
    await user.clear(codeInput);
    await user.type(codeInput, mailedCode(mail.text));
    await act(() => user.click(screen.getByRole('button', { name: 'Sign in' })));
    await waitFor(() => expect(screen.getByTestId('who').textContent).toBe(`signed in as ${account.email}`));
  });
});
