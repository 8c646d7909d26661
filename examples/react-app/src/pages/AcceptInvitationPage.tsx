import { LoginForm, ProblemMessage, useAuth, useKeystone, useKeystoneAuth } from '@keystone/react';
import type { paths } from '@keystone/sdk';
import { type FormEvent, useEffect, useState } from 'react';
import { navigate, useLocation } from '../router.tsx';

type Preview = paths['/v1/invitations/preview']['post']['responses'][200]['content']['application/json'];

/**
 * Where invitation mails link to (KEYSTONE_INVITATION_URL): shows what the
 * invitation is for, then joins, signed in already, by signing in, or by making
 * the account right here (the mailed link proves the address, so no verification).
 * Built from the hooks and the typed client, as any page of your own can be.
 */
export function AcceptInvitationPage() {
  const token = useLocation().search.get('token') ?? '';
  const { client, setActiveOrganization } = useKeystone();
  const { signIn } = useKeystoneAuth();
  const { isAuthenticated, user } = useAuth();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  useEffect(() => {
    if (!token) return;
    client.POST('/v1/invitations/preview', { body: { token } }).then(
      ({ data }) => setPreview(data ?? null),
      (caught: unknown) => setError(caught),
    );
  }, [client, token]);

  /** Runs one step of joining, then opens the organization joined. */
  async function join(step: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      const orgId = await step();
      await setActiveOrganization(orgId);
      navigate('/');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const accept = () =>
    join(async () => {
      const { data } = await client.POST('/v1/invitations/accept', { body: { token } });
      if (!data) throw new Error('no answer');
      return data.org_id;
    });

  const signUp = (event: FormEvent) => {
    event.preventDefault();
    void join(async () => {
      const { data } = await client.POST('/v1/invitations/sign-up', {
        body: { token, password, ...(name ? { name } : {}) },
      });
      // A new account has no second factor, so this is always a session.
      if (data?.status !== 'signed_in') throw new Error('sign in to accept');
      await signIn(data);
      return data.membership.org_id;
    });
  };

  if (!token)
    return <p role="alert">This link has no invitation in it. Open the link from the mail again.</p>;
  if (!preview) return error ? <ProblemMessage error={error} /> : <p>Loading the invitation…</p>;

  return (
    <section>
      <h1>Join {preview.organization.name}</h1>
      <p>
        You are invited as <strong>{preview.role.name}</strong>. The invitation was sent to{' '}
        {preview.email_hint}.
      </p>
      <ProblemMessage error={error} />
      {isAuthenticated ? (
        <button type="button" onClick={accept} disabled={busy}>
          Accept as {user?.email}
        </button>
      ) : (
        <>
          <h2>New to us? Create your account</h2>
          <form onSubmit={signUp}>
            <label htmlFor="invite-name">Your name</label>
            <input id="invite-name" value={name} onChange={(event) => setName(event.target.value)} />
            <label htmlFor="invite-password">Choose a password</label>
            <input
              id="invite-password"
              type="password"
              autoComplete="new-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <button type="submit" disabled={busy}>
              Create account and join
            </button>
          </form>
          <h2>Already have an account?</h2>
          <p>Sign in, then accept.</p>
          <LoginForm showPasswordless={false} />
        </>
      )}
    </section>
  );
}
