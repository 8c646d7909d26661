import { createKeystoneClient, type KeystoneClient } from '@keystone/sdk';
import { render } from '@testing-library/react';
import { Secret, TOTP } from 'otpauth';
import type { ReactNode } from 'react';
import { KeystoneProvider, type KeystoneProviderProps } from '../src/core/keystone-provider.tsx';
import { answered } from '../src/session/session-manager.ts';
import type { TestKeystone } from './keystone-server.ts';

/** Helpers for the sign-in components' tests: real accounts on the test server, the real provider. */

export const PASSWORD = 'correct horse battery staple 42';
let counter = 0;

export function uniqueEmail(name = 'user'): string {
  counter += 1;
  return `${name}-${counter}-${Date.now()}@example.test`;
}

/** An account made through the SDK, and a client signed in as it. */
export async function createAccount(keystone: TestKeystone, name = 'user') {
  const email = uniqueEmail(name);
  const anonymous = createKeystoneClient({ baseUrl: keystone.url });
  await anonymous.POST('/v1/auth/sign-up', { body: { email, password: PASSWORD, name } });
  const answer = answered(
    (await anonymous.POST('/v1/auth/sign-in', { body: { email, password: PASSWORD } })).data,
  );
  if (answer.status !== 'signed_in') throw new Error('expected tokens');
  const token = answer.access_token;
  const client = createKeystoneClient({ baseUrl: keystone.url, accessToken: () => token });
  return { email, password: PASSWORD, answer, client };
}

/** Enrolls and confirms TOTP the way an authenticator app would (otpauth), returning what the next code needs. */
export async function enableTotp(client: KeystoneClient) {
  const { secret } = answered((await client.POST('/v1/me/mfa/totp', { body: {} })).data);
  const step = Math.floor(Date.now() / 30_000);
  const confirmed = await client.POST('/v1/me/mfa/totp/confirm', { body: { code: totpAt(secret, step) } });
  return { secret, recoveryCodes: answered(confirmed.data).recovery_codes, lastStep: step };
}

/** The code of a 30 s step; the server takes ±1 step and each step once, so tests use lastStep + 1. */
export function totpAt(secret: string, step: number): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: step * 30_000,
  });
}

let channel = 0;

/** Renders under a real KeystoneProvider pointed at the test server (its own tab channel unless given). */
export function renderWithKeystone(
  keystone: TestKeystone,
  node: ReactNode,
  props: Partial<Omit<KeystoneProviderProps, 'children'>> = {},
) {
  channel += 1;
  return render(
    <KeystoneProvider apiUrl={keystone.url} channelName={`test-${channel}`} {...props}>
      {node}
    </KeystoneProvider>,
  );
}
