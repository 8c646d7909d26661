import { type FormEvent, useState } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import { classes, Field, FocusedHeading, formCss, useSubmission } from './form-parts.tsx';
import { useAuth } from './use-auth.ts';

export type PasswordResetFormProps = {
  /** The emailed link's token (its ?token= value); without it the form asks for the address and the code. */
  token?: string;
  /** Fills in the address (e.g. the one given to PasswordResetRequest). */
  email?: string;
  /** Called when the password is set; every session has ended, so sign in with the new one next. */
  onSuccess?: () => void;
  className?: string;
};

const B = 'password-reset-form';

/** Sets a new password with the code (or link token) from the reset mail. */
export function PasswordResetForm({
  token,
  email: initialEmail = '',
  onSuccess,
  className,
}: PasswordResetFormProps) {
  const { t } = useKeystone();
  const auth = useAuth();
  useStyles(B, formCss(B));
  const [email, setEmail] = useState(initialEmail);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { submitting, error, submit: run } = useSubmission();
  const submit = (event: FormEvent) =>
    run(event, async () => {
      await auth.resetPassword(token ? { token } : { email, code }, password);
      setDone(true);
      onSuccess?.();
    });

  if (done) {
    return (
      <div className={classes(`ks-${B}`, className)}>
        <FocusedHeading className={`ks-${B}__title`}>
          {t('password_reset.done_title', 'Password changed')}
        </FocusedHeading>
        <p className={`ks-${B}__success`} role="status">
          {t(
            'password_reset.done',
            'Your password was changed and every session ended. Sign in with the new one.',
          )}
        </p>
      </div>
    );
  }

  return (
    <form className={classes(`ks-${B}`, className)} onSubmit={submit} aria-busy={submitting} noValidate>
      <h2 className={`ks-${B}__title`}>{t('password_reset.title', 'Choose a new password')}</h2>
      {!token && (
        <>
          <Field
            block={B}
            name="email"
            type="email"
            autoComplete="email"
            required
            label={t('password_reset.email', 'Email')}
            value={email}
            onValueChange={setEmail}
          />
          <Field
            block={B}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            label={t('password_reset.code', 'Code from the email')}
            value={code}
            onValueChange={setCode}
          />
        </>
      )}
      <Field
        block={B}
        name="new-password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        label={t('password_reset.password', 'New password')}
        value={password}
        onValueChange={setPassword}
      />
      <ProblemMessage error={error} className={`ks-${B}__error`} />
      <button className={`ks-${B}__submit`} type="submit" disabled={submitting}>
        {submitting
          ? t('password_reset.submitting', 'Please wait…')
          : t('password_reset.submit', 'Set new password')}
      </button>
    </form>
  );
}
