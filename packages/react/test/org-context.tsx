import { createKeystoneClient, type KeystoneClient } from '@keystone/sdk';
import { configure } from '@testing-library/react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useKeystoneAuth } from '../src/core/keystone-auth-context.ts';
import { useKeystone } from '../src/core/keystone-context.ts';
import { KeystoneProvider } from '../src/core/keystone-provider.tsx';
import type { TokenAnswer } from '../src/session/session-manager.ts';
import type { TestKeystone } from './keystone-server.ts';

/** A real user of the test server: signed up and in through the SDK. */
export type TestUser = {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  client: KeystoneClient;
  /** The sign-in answer, for the provider's signIn. */
  answer: TokenAnswer;
};

// A real server on a shared machine sometimes answers slower than Testing Library's default 1 s wait.
configure({ asyncUtilTimeout: 5000 });

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
  return { id: data.user.id, email, password, accessToken, client, answer: data };
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

let channel = 0;

/**
 * The real KeystoneProvider, signed in as `user` (their sign-in answer) and, when given, with
 * `activeOrganizationId` made active through POST /v1/me/active-organization. Children render
 * once that is done, so a test starts in the organization it names.
 */
export function TestKeystoneProvider({
  keystone,
  user,
  activeOrganizationId = null,
  errors,
  children,
}: {
  keystone: TestKeystone;
  /** Null: signed out. */
  user: TestUser | null;
  activeOrganizationId?: string | null;
  errors?: unknown[];
  children: ReactNode;
}) {
  const [channelName] = useState(() => {
    channel += 1;
    return `org-test-${channel}`;
  });
  return (
    <KeystoneProvider
      apiUrl={keystone.url}
      channelName={channelName}
      onError={(error) => errors?.push(error)}
    >
      {user ? (
        <SignedIn user={user} orgId={activeOrganizationId}>
          {children}
        </SignedIn>
      ) : (
        children
      )}
    </KeystoneProvider>
  );
}

function SignedIn({ user, orgId, children }: { user: TestUser; orgId: string | null; children: ReactNode }) {
  const { session, setActiveOrganization } = useKeystone();
  const { signIn } = useKeystoneAuth();
  const [signedIn, setSignedIn] = useState(false);
  const [shown, setShown] = useState(false);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      await signIn(user.answer);
      if (orgId) await setActiveOrganization(orgId);
      setSignedIn(true);
    })();
  }, [signIn, setActiveOrganization, user, orgId]);
  // Shown once the session names the organization; later switches keep the children mounted.
  const arrived = signedIn && session.status === 'signed_in' && session.activeOrganizationId === orgId;
  useEffect(() => {
    if (arrived) setShown(true);
  }, [arrived]);
  if (!shown && !arrived) return null;
  return <>{children}</>;
}
