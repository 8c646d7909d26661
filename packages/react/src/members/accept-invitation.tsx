import type { paths } from '@keystone/sdk';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { LoginForm } from '../auth/login-form.tsx';
import { useAuth } from '../auth/use-auth.ts';
import { useKeystoneAuth } from '../core/keystone-auth-context.ts';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import { FORM_CSS } from '../organizations/create-organization.tsx';
import { classNames, useAction } from '../organizations/use-action.ts';
import { invalidate } from '../organizations/use-resource.ts';

type Preview = paths['/v1/invitations/preview']['post']['responses'][200]['content']['application/json'];

export type AcceptInvitationProps = {
  /** The `token` query parameter of the invitation link (`ks_inv_…`). */
  token: string;
  /** Called with the organization joined (it is then the active one). */
  onAccept?: (orgId: string) => void;
  /** Offer the sign-in form to invitees with an account who are signed out (default true). */
  showSignIn?: boolean;
  className?: string;
};

/**
 * The page an invitation link opens: what the invitation is for, then joining, signed in
 * already, or by making the account right here (the link proves the address). Dead links
 * (expired, withdrawn, used, for another address) say so.
 */
export function AcceptInvitation({ token, onAccept, showSignIn = true, className }: AcceptInvitationProps) {
  const { t, client, setActiveOrganization } = useKeystone();
  const { signIn } = useKeystoneAuth();
  const { isAuthenticated, user } = useAuth();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const { run, pending, error } = useAction();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const id = useId();
  useStyles('form', FORM_CSS);

  useEffect(() => {
    let current = true;
    setPreview(null);
    setPreviewError(null);
    client.POST('/v1/invitations/preview', { body: { token } }).then(
      ({ data }) => current && setPreview(data ?? null),
      (caught: unknown) => current && setPreviewError(caught),
    );
    return () => {
      current = false;
    };
  }, [client, token]);

  async function join(step: () => Promise<string>) {
    const orgId = await run(async () => {
      const joined = await step();
      invalidate('organizations');
      await setActiveOrganization(joined);
      return joined;
    });
    if (orgId) onAccept?.(orgId);
  }

  const accept = () =>
    join(async () => {
      const { data } = await client.POST('/v1/invitations/accept', { body: { token } });
      return (data as { org_id: string }).org_id;
    });

  function signUp(event: FormEvent) {
    event.preventDefault();
    void join(async () => {
      const { data } = await client.POST('/v1/invitations/sign-up', {
        body: { token, password, ...(name.trim() ? { name: name.trim() } : {}) },
      });
      if (data?.status !== 'signed_in') throw new Error('The new account could not be signed in');
      await signIn(data);
      return data.membership.org_id;
    });
  }

  if (!preview) {
    if (previewError)
      return (
        <ProblemMessage
          error={previewError}
          className={classNames('ks-accept-invitation__error', className)}
        />
      );
    return (
      <p className="ks-accept-invitation__loading">
        {t('acceptInvitation.loading', 'Loading the invitation…')}
      </p>
    );
  }

  const organization = preview.organization.name;
  return (
    <section className={classNames('ks-accept-invitation', className)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="ks-accept-invitation__title">
        {t('acceptInvitation.title', 'Join {organization}', { organization })}
      </h2>
      <p className="ks-accept-invitation__summary">
        {t('acceptInvitation.summary', 'You are invited as {role}. The invitation was sent to {email}.', {
          role: preview.role.name,
          email: preview.email_hint,
        })}
      </p>
      <ProblemMessage error={error} className="ks-accept-invitation__error" />
      {isAuthenticated ? (
        <button
          type="button"
          className="ks-button ks-accept-invitation__accept"
          disabled={pending}
          onClick={accept}
        >
          {t('acceptInvitation.accept', 'Join {organization} as {email}', {
            organization,
            email: user?.email ?? '',
          })}
        </button>
      ) : (
        <>
          <form className="ks-form ks-accept-invitation__sign-up" onSubmit={signUp}>
            <h3 className="ks-accept-invitation__subtitle">
              {t('acceptInvitation.newAccount', 'New here? Create your account')}
            </h3>
            <label htmlFor={`${id}-name`}>
              {t('acceptInvitation.name', 'Your name')}
              <input
                id={`${id}-name`}
                autoComplete="name"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </label>
            <label htmlFor={`${id}-password`}>
              {t('acceptInvitation.password', 'Choose a password')}
              <input
                id={`${id}-password`}
                type="password"
                autoComplete="new-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            <button type="submit" className="ks-accept-invitation__create" disabled={pending}>
              {t('acceptInvitation.create', 'Create account and join')}
            </button>
          </form>
          {showSignIn && (
            <div className="ks-accept-invitation__sign-in">
              <h3 className="ks-accept-invitation__subtitle">
                {t('acceptInvitation.haveAccount', 'Already have an account? Sign in, then join.')}
              </h3>
              <LoginForm showPasswordless={false} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
