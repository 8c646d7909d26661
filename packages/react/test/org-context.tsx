import { createKeystoneClient, type KeystoneClient } from '@keystone/sdk';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { KeystoneContext, type KeystoneContextValue } from '../src/core/keystone-context.ts';
import { createTranslate } from '../src/core/translate.ts';
import type { TestKeystone } from './keystone-server.ts';

/** A real user of the test server: signed up and in through the SDK. */
export type TestUser = {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  client: KeystoneClient;
};

let counter = 0;

export async function signUpUser(keystone: TestKeystone, name = 'user'): Promise<TestUser> {
  counter += 1;
  const email = `${name}-${counter}-${Date.now()}@example.test`;
  const password = 'correct horse battery staple 42';
  const anonymous = createKeystoneClient({ baseUrl: keystone.url });
  await anonymous.POST('/v1/auth/sign-up', { body: { email, password, name } });
  const { data } = await anonymous.POST('/v1/auth/sign-in', { body: { email, password } });
  if (data?.status !== 'signed_in') throw new Error(`could not sign in ${email}`);
  const accessToken = data.access_token;
  const client = createKeystoneClient({ baseUrl: keystone.url, accessToken: () => accessToken });
  return { id: data.user.id, email, password, accessToken, client };
}

/** An organization owned by `owner`, with `members` added by the operator in the given roles. */
export async function createOrganization(
  keystone: TestKeystone,
  owner: TestUser,
  name: string,
  members: Array<{ user: TestUser; role: string }> = [],
) {
  const { data } = await owner.client.POST('/v1/organizations', { body: { name } });
  if (!data) throw new Error('no organization');
  const operator = createKeystoneClient({ baseUrl: keystone.url, headers: keystone.operator });
  for (const member of members) {
    await operator.POST('/v1/organizations/{orgId}/members', {
      params: { path: { orgId: data.id } },
      body: { user_id: member.user.id, role: member.role },
    });
  }
  return data;
}

/**
 * Stands in for KeystoneProvider in these tests: the user's real token, an active
 * organization switched through POST /v1/me/active-organization, a revision bump on every switch.
 */
export function TestKeystoneProvider({
  keystone,
  user,
  activeOrganizationId = null,
  errors,
  children,
}: {
  keystone: TestKeystone;
  user: TestUser;
  activeOrganizationId?: string | null;
  errors?: unknown[];
  children: ReactNode;
}) {
  const token = useRef(user.accessToken);
  const [state, setState] = useState({ activeOrganizationId, revision: 0 });
  const client = useMemo(
    () => createKeystoneClient({ baseUrl: keystone.url, accessToken: () => token.current }),
    [keystone.url],
  );
  // A cast, so this stand-in keeps compiling while the provider contract grows (sign-in, MFA).
  const value = {
    client,
    session: { status: 'signed_in', user: null, ...state },
    async setActiveOrganization(orgId: string | null) {
      const { data } = await client.POST('/v1/me/active-organization', { body: { org_id: orgId } });
      if (data) token.current = data.access_token;
      setState((previous) => ({ activeOrganizationId: orgId, revision: previous.revision + 1 }));
    },
    async reloadSession() {
      setState((previous) => ({ ...previous, revision: previous.revision + 1 }));
    },
    reportError: (error: unknown) => errors?.push(error),
    t: createTranslate(),
    signIn: async () => {},
    signOut: async () => {},
    refreshSession: async () => {},
    mfaChallenge: null,
    setMfaChallenge: () => {},
  } as KeystoneContextValue;
  return <KeystoneContext.Provider value={value}>{children}</KeystoneContext.Provider>;
}
