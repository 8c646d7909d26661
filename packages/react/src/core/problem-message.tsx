import { isKeystoneApiError } from '@keystone/sdk';
import { useKeystone } from './keystone-context.ts';
import { useStyles } from './use-styles.ts';

const CSS = `.ks-problem{color:var(--ks-error,#b91c1c);font-family:var(--ks-font,inherit);margin:.5rem 0}`;

/**
 * A server problem (or any error) as a sentence a person can act on, announced
 * to screen readers. Known codes get their own English text (overridable by key
 * `problem.<code>`); a rate limit says how long to wait.
 */
export function ProblemMessage({ error, className }: { error: unknown; className?: string }) {
  const { t } = useKeystone();
  useStyles('problem', CSS);
  if (!error) return null;
  return (
    <p role="alert" className={['ks-problem', className].filter(Boolean).join(' ')}>
      {problemText(error, t)}
    </p>
  );
}

export function problemText(error: unknown, t: ReturnType<typeof useKeystone>['t']): string {
  if (!isKeystoneApiError(error)) {
    return t('problem.network', 'Keystone could not be reached. Check your connection and try again.');
  }
  if (error.code === 'rate_limited') {
    const seconds = error.retryAfterSeconds ?? 60;
    return t('problem.rate_limited', 'Too many attempts. Try again in {seconds} seconds.', { seconds });
  }
  if (error.code === 'validation_failed' && error.fields.length > 0) {
    // The API's field names (new_email → "new email"), not the server's developer-facing detail.
    const fields = [
      ...new Set(error.fields.map((field) => field.field.replace(/^.*\./, '').replace(/_/g, ' '))),
    ];
    return t('problem.validation_failed', 'Check what you entered: {fields}.', { fields: fields.join(', ') });
  }
  const known = KNOWN[error.code];
  if (known) return t(`problem.${error.code}`, known);
  return t(`problem.${error.code}`, error.detail ?? error.title);
}

const KNOWN: Record<string, string> = {
  invalid_credentials: 'The email or password is not correct.',
  invalid_mfa_code: 'That code is not valid. Check your authenticator app and try again.',
  invalid_code: 'That code is not valid or has expired. Ask for a new one.',
  invalid_mfa_token: 'This sign-in took too long or had too many attempts. Sign in again.',
  mfa_code_rejected: 'That code is not valid. Check your authenticator app and try again.',
  fresh_sign_in_required: 'For your security, sign out and sign in again, then retry.',
  invitation_expired: 'This invitation has expired. Ask for a new one.',
  invitation_revoked: 'This invitation was withdrawn.',
  invitation_used: 'This invitation has already been used.',
  invitation_email_mismatch: 'This invitation was sent to another email address.',
  email_taken: 'That email address is already in use.',
  forbidden: 'You do not have permission to do that.',
  not_a_member: 'You are not a member of this organization.',
  slug_taken: 'That URL slug is already taken. Choose another.',
  last_owner: 'An organization needs at least one owner. Make someone else owner first.',
  already_a_member: 'That person is already a member of this organization.',
  role_exists: 'A role with that key already exists.',
  role_in_use: 'Members still have this role. Give them another role first.',
  unknown_permission: 'One of those permissions does not exist.',
  unknown_role: 'That role does not exist in this organization.',
  invitation_not_found:
    'This invitation link is not valid. A newer one may have replaced it: check your mail.',
  invitation_account_exists: 'An account with this address exists already. Sign in, then join.',
  mfa_enrollment_required:
    'Two-step verification is required: set up an authenticator app and sign in with it first.',
};
