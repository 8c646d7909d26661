import { type FormEvent, useId, useState } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import { classes, Field, FocusedHeading, formCss } from './form-parts.tsx';
import { useAuth } from './use-auth.ts';

export type SignupFormProps = {
  /** Called when the account is made (and, where the instance requires it, the address verified): sign in next. */
  onSuccess?: (result: { email: string }) => void;
  /** Ask for the user's name (default true). */
  showName?: boolean;
  className?: string;
};

const B = 'signup-form';

/**
 * Name, email and password; then, when the instance requires verified addresses,
 * the code from the verification mail. The server answers the same for an address
 * that already has an account (that address gets a mail instead), so this form does too.
 */
export function SignupForm({ onSuccess, showName = true, className }: SignupFormProps) {
  const { t } = useKeystone();
  const auth = useAuth();
  useStyles(B, formCss(B));
  const [step, setStep] = useState<'details' | 'verify' | 'done'>('details');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [resent, setResent] = useState(false);
  const hintId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      if (step === 'details') {
        const { next } = await auth.signup({ email, password, ...(showName && name ? { name } : {}) });
        if (next === 'verify_email') setStep('verify');
        else finish();
      } else {
        await auth.verifyEmail(email, code);
        finish();
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  }

  function finish() {
    setStep('done');
    onSuccess?.({ email });
  }

  async function resend() {
    setError(null);
    try {
      await auth.resendVerification(email);
      setResent(true);
    } catch (caught) {
      setError(caught);
    }
  }

  if (step === 'done') {
    return (
      <div className={classes(`ks-${B}`, className)}>
        <FocusedHeading className={`ks-${B}__title`}>
          {t('signup.done_title', 'Account created')}
        </FocusedHeading>
        <p className={`ks-${B}__success`} role="status">
          {t('signup.done', 'You can sign in as {email} now. We emailed you a link to verify your address.', {
            email,
          })}
        </p>
      </div>
    );
  }

  return (
    <form className={classes(`ks-${B}`, className)} onSubmit={submit} aria-busy={submitting} noValidate>
      <h2 className={`ks-${B}__title`}>
        {step === 'verify'
          ? t('signup.verify_title', 'Verify your email')
          : t('signup.title', 'Create your account')}
      </h2>
      {step === 'details' ? (
        <>
          {showName && (
            <Field
              block={B}
              name="name"
              autoComplete="name"
              label={t('signup.name', 'Name')}
              value={name}
              onValueChange={setName}
            />
          )}
          <Field
            block={B}
            name="email"
            type="email"
            autoComplete="email"
            required
            label={t('signup.email', 'Email')}
            value={email}
            onValueChange={setEmail}
          />
          <Field
            block={B}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            aria-describedby={hintId}
            label={t('signup.password', 'Password')}
            value={password}
            onValueChange={setPassword}
          />
          <p className={`ks-${B}__hint`} id={hintId}>
            {t('signup.password_hint', 'At least 10 characters, not a common password.')}
          </p>
        </>
      ) : (
        <>
          <p className={`ks-${B}__hint`} role="status">
            {resent
              ? t('signup.code_resent', 'We sent a new code to {email}.', { email })
              : t('signup.code_sent', 'We emailed a code to {email}. Enter it to finish.', { email })}
          </p>
          <Field
            block={B}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            required
            label={t('signup.code', 'Code from the email')}
            value={code}
            onValueChange={setCode}
          />
        </>
      )}
      <ProblemMessage error={error} className={`ks-${B}__error`} />
      <button className={`ks-${B}__submit`} type="submit" disabled={submitting}>
        {submitting
          ? t('signup.submitting', 'Please wait…')
          : step === 'verify'
            ? t('signup.verify', 'Verify email')
            : t('signup.submit', 'Create account')}
      </button>
      {step === 'verify' && (
        <button className={`ks-${B}__link`} type="button" onClick={resend}>
          {t('signup.resend', 'Send a new code')}
        </button>
      )}
    </form>
  );
}
