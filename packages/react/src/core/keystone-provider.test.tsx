import { createKeystoneClient } from '@keystone/sdk';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { StrictMode, useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, PASSWORD, renderWithKeystone } from '../../test/auth-test-kit.tsx';
import { startKeystone, type TestKeystone } from '../../test/keystone-server.ts';
import { LoginForm } from '../auth/login-form.tsx';
import { useAuth } from '../auth/use-auth.ts';
import { answered } from '../session/session-manager.ts';
import { useKeystone } from './keystone-context.ts';
import { KeystoneProvider } from './keystone-provider.tsx';

/** Shows what the provider knows and offers its actions as buttons. */
function Probe({ orgId = null, label = 'tab' }: { orgId?: string | null; label?: string }) {
  const { session, setActiveOrganization } = useKeystone();
  const { logout, refreshToken } = useAuth();
  const [refreshed, setRefreshed] = useState('');
  return (
    <section aria-label={label}>
      <p data-testid={`${label}-status`}>{`${session.status} ${session.user?.email ?? '-'}`}</p>
      <p data-testid={`${label}-org`}>{`${session.activeOrganizationId ?? 'none'} r${session.revision}`}</p>
      <button type="button" onClick={() => setActiveOrganization(orgId)}>{`switch ${label}`}</button>
      <button type="button" onClick={() => logout()}>{`sign out ${label}`}</button>
      <button
        type="button"
        onClick={() =>
          refreshToken().then(
            () => setRefreshed('refreshed'),
            (error: unknown) => setRefreshed(`refresh failed: ${String(error)}`),
          )
        }
      >{`refresh ${label}`}</button>
      <p data-testid={`${label}-refresh`}>{refreshed}</p>
    </section>
  );
}

describe('KeystoneProvider', () => {
  let keystone: TestKeystone;
  beforeAll(async () => {
    keystone = await startKeystone();
  });
  afterEach(() => {
    cleanup();
    localStorage.clear();
    sessionStorage.clear();
  });
  afterAll(() => keystone.stop());

  function storeSession(
    storage: Storage,
    answer: { access_token: string; refresh_token?: string },
    key = 'keystone.session',
  ) {
    storage.setItem(
      key,
      JSON.stringify({
        accessToken: answer.access_token,
        refreshToken: answer.refresh_token,
        expiresAt: Date.now() + 300_000,
      }),
    );
  }

  it('puts the theme on a wrapper as CSS variables and takes strings from localization', async () => {
    renderWithKeystone(keystone, <LoginForm />, {
      theme: {
        primaryColor: '#6366f1',
        errorColor: '#ef4444',
        fontFamily: 'Inter, sans-serif',
        borderRadius: '8px',
      },
      localization: { 'login.submit': 'Se connecter', 'login.email': 'Adresse e-mail' },
    });
    const root = document.querySelector<HTMLElement>('.ks-root');
    expect(root?.style.getPropertyValue('--ks-primary')).toBe('#6366f1');
    expect(root?.style.getPropertyValue('--ks-error')).toBe('#ef4444');
    expect(root?.style.getPropertyValue('--ks-font')).toBe('Inter, sans-serif');
    expect(root?.style.getPropertyValue('--ks-radius')).toBe('8px');
    expect(screen.getByRole('button', { name: 'Se connecter' })).toBeTruthy();
    expect(screen.getByLabelText('Adresse e-mail')).toBeTruthy();
    expect(document.head.querySelector('style[data-keystone="login-form"]')?.textContent).toContain(
      'var(--ks-primary',
    );
  });

  it('restores the stored session with its user, and an organization switch bumps the revision', async () => {
    const account = await createAccount(keystone, 'org');
    const org = answered((await account.client.POST('/v1/organizations', { body: { name: 'Acme' } })).data);
    storeSession(localStorage, account.answer);
    renderWithKeystone(keystone, <Probe orgId={org.id} />, { storage: 'localStorage' });
    expect(screen.getByTestId('tab-status').textContent).toBe('loading -');
    await waitFor(() =>
      expect(screen.getByTestId('tab-status').textContent).toBe(`signed_in ${account.email}`),
    );
    const before = Number(screen.getByTestId('tab-org').textContent?.split(' r')[1]);
    await userEvent.setup().click(screen.getByRole('button', { name: 'switch tab' }));
    await waitFor(() => expect(screen.getByTestId('tab-org').textContent).toBe(`${org.id} r${before + 1}`));
  });

  it('shows the session as signed out when its refresh token was refused (reused elsewhere)', async () => {
    const account = await createAccount(keystone, 'reuse');
    storeSession(sessionStorage, account.answer);
    renderWithKeystone(keystone, <Probe />, { storage: 'sessionStorage' });
    await waitFor(() =>
      expect(screen.getByTestId('tab-status').textContent).toBe(`signed_in ${account.email}`),
    );
    const anonymous = createKeystoneClient({ baseUrl: keystone.url });
    await anonymous.POST('/v1/auth/refresh', { body: { refresh_token: account.answer.refresh_token ?? '' } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'refresh tab' }));
    await waitFor(() => expect(screen.getByTestId('tab-status').textContent).toBe('signed_out -'));
    expect(sessionStorage.getItem('keystone.session')).toBeNull();
  });

  it('signs the other tab out too: two providers sharing a channel name, a session each', async () => {
    const account = await createAccount(keystone, 'tabs');
    const anonymous = createKeystoneClient({ baseUrl: keystone.url });
    const second = answered(
      (await anonymous.POST('/v1/auth/sign-in', { body: { email: account.email, password: PASSWORD } })).data,
    );
    if (second.status !== 'signed_in') throw new Error('expected tokens');
    storeSession(sessionStorage, account.answer, 'tab-a');
    storeSession(sessionStorage, second, 'tab-b');
    const common = { apiUrl: keystone.url, storage: 'sessionStorage' as const, channelName: 'shared-tabs' };
    render(
      <>
        <KeystoneProvider {...common} storageKey="tab-a">
          <Probe label="a" />
        </KeystoneProvider>
        <KeystoneProvider {...common} storageKey="tab-b">
          <Probe label="b" />
        </KeystoneProvider>
      </>,
    );
    await waitFor(() =>
      expect(screen.getByTestId('b-status').textContent).toBe(`signed_in ${account.email}`),
    );
    await waitFor(() =>
      expect(screen.getByTestId('a-status').textContent).toBe(`signed_in ${account.email}`),
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'sign out a' }));
    await waitFor(() => expect(screen.getByTestId('a-status').textContent).toBe('signed_out -'));
    await waitFor(() => expect(screen.getByTestId('b-status').textContent).toBe('signed_out -'));
    expect(sessionStorage.length).toBe(0);
  });

  it('hands errors no component can show to onError (the server cannot be reached on load)', async () => {
    const account = await createAccount(keystone, 'offline');
    sessionStorage.setItem(
      'keystone.session',
      JSON.stringify({
        accessToken: account.answer.access_token,
        refreshToken: 'ks_rt_x',
        expiresAt: Date.now() - 1,
      }),
    );
    const errors: Error[] = [];
    render(
      <KeystoneProvider
        apiUrl="http://127.0.0.1:9"
        storage="sessionStorage"
        onError={(error) => errors.push(error)}
      >
        <Probe />
      </KeystoneProvider>,
    );
    await waitFor(() => expect(errors.length).toBeGreaterThan(0));
  });

  it('works under StrictMode (effects mounted twice): restores once, signs out', async () => {
    const account = await createAccount(keystone, 'strict');
    storeSession(sessionStorage, account.answer);
    render(
      <StrictMode>
        <KeystoneProvider apiUrl={keystone.url} storage="sessionStorage" channelName="strict">
          <Probe />
        </KeystoneProvider>
      </StrictMode>,
    );
    await waitFor(() =>
      expect(screen.getByTestId('tab-status').textContent).toBe(`signed_in ${account.email}`),
    );
    expect(JSON.parse(sessionStorage.getItem('keystone.session') ?? '{}').refreshToken).toBe(
      account.answer.refresh_token,
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'sign out tab' }));
    await waitFor(() => expect(screen.getByTestId('tab-status').textContent).toBe('signed_out -'));
  });

  it('with a publishable key: signs in, reads the user, refreshes and signs out', async () => {
    const account = await createAccount(keystone, 'pk');
    const created = await fetch(`${keystone.url}/v1/api-keys`, {
      method: 'POST',
      headers: { ...keystone.operator, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'react tests',
        kind: 'publishable',
        environment: 'test',
        scopes: ['flags:evaluate'],
        flags_environment: 'development',
        allowed_origins: ['http://localhost:3000'],
      }),
    });
    const { secret } = (await created.json()) as { secret: string };
    expect(secret).toMatch(/^pk_test_/);
    const user = userEvent.setup();
    renderWithKeystone(
      keystone,
      <>
        <LoginForm />
        <Probe />
      </>,
      { publishableKey: secret },
    );
    await user.type(screen.getByLabelText('Email'), account.email);
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(screen.getByTestId('tab-status').textContent).toBe(`signed_in ${account.email}`),
    );
    await user.click(screen.getByRole('button', { name: 'refresh tab' }));
    await waitFor(() => expect(screen.getByTestId('tab-refresh').textContent).toBe('refreshed'));
    expect(screen.getByTestId('tab-status').textContent).toBe(`signed_in ${account.email}`);
    await user.click(screen.getByRole('button', { name: 'sign out tab' }));
    await waitFor(() => expect(screen.getByTestId('tab-status').textContent).toBe('signed_out -'));
  });
});
