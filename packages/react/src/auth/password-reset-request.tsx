import { type FormEvent, useState } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import { classes, Field, FocusedHeading, formCss, useSubmission } from './form-parts.tsx';
import { useAuth } from './use-auth.ts';

export type PasswordResetRequestProps = {
  /** Called once the server accepted the request (it answers the same whether or not the address has an account). */
  onSuccess?: (email: string) => void;
  /** Shows a "Back to sign in" button that calls this. */
  onBack?: () => void;
  className?: string;
};

const B = 'password-reset-request';

/** "Forgot your password?": mails a reset code and link to the address, if it has an account. */
export function PasswordResetRequest({ onSuccess, onBack, className }: PasswordResetRequestProps) {
  const { t } = useKeystone();
  const auth = useAuth();
  useStyles(B, formCss(B));
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { submitting, error, submit: run } = useSubmission();
  const submit = (event: FormEvent) =>
    run(event, async () => {
      await auth.requestPasswordReset(email);
      setSent(true);
      onSuccess?.(email);
    });

  return (
    <form className={classes(`ks-${B}`, className)} onSubmit={submit} aria-busy={submitting} noValidate>
      {sent ? (
        <FocusedHeading className={`ks-${B}__title`}>
          {t('password_reset_request.sent_title', 'Check your email')}
        </FocusedHeading>
      ) : (
        <h2 className={`ks-${B}__title`}>{t('password_reset_request.title', 'Reset your password')}</h2>
      )}
      {sent ? (
        <p className={`ks-${B}__success`} role="status">
          {t(
            'password_reset_request.sent',
            'If {email} has an account, we emailed it a code and a link to set a new password.',
            { email },
          )}
        </p>
      ) : (
        <>
          <Field
            block={B}
            name="email"
            type="email"
            autoComplete="email"
            required
            label={t('password_reset_request.email', 'Email')}
            value={email}
            onValueChange={setEmail}
          />
          <ProblemMessage error={error} className={`ks-${B}__error`} />
          <button className={`ks-${B}__submit`} type="submit" disabled={submitting}>
            {submitting
              ? t('password_reset_request.submitting', 'Please wait…')
              : t('password_reset_request.submit', 'Email me a reset code')}
          </button>
        </>
      )}
      {onBack && (
        <button className={`ks-${B}__link`} type="button" onClick={onBack}>
          {t('password_reset_request.back', 'Back to sign in')}
        </button>
      )}
    </form>
  );
}
