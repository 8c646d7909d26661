import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import { classes, Field, formCss } from './form-parts.tsx';
import { type SignInResult, useAuth } from './use-auth.ts';

export type LoginFormProps = {
  /** Called once the user is signed in (after the second factor, when there is one). */
  onSuccess?: () => void;
  /** Shows a "Forgot your password?" button that calls this. */
  onForgotPassword?: () => void;
  /** Offer "Email me a sign-in code" (default true). */
  showPasswordless?: boolean;
  className?: string;
};

type Step = 'password' | 'request-code' | 'enter-code' | 'mfa';
const B = 'login-form';

/**
 * Email and password, then the authenticator (or recovery) code when the server
 * asks for a second factor; or a code mailed to the address instead of a password.
 */
export function LoginForm({
  onSuccess,
  onForgotPassword,
  showPasswordless = true,
  className,
}: LoginFormProps) {
  const { t } = useKeystone();
  const auth = useAuth();
  useStyles(B, formCss(B));
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // A new step moves focus to its first field (the button that led there is gone); not on first render.
  const form = useRef<HTMLFormElement>(null);
  const firstRender = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    form.current?.querySelector<HTMLInputElement>('input:not([readonly])')?.focus();
  }, [step]);

  const go = (next: Step) => {
    setStep(next);
    setCode('');
    setError(null);
  };

  const after = (result: SignInResult) => {
    if (result.status === 'mfa_required') go('mfa');
    else onSuccess?.();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      if (step === 'password') after(await auth.login(email, password));
      else if (step === 'request-code') {
        await auth.requestSignInCode(email);
        go('enter-code');
      } else if (step === 'enter-code') after(await auth.signInWithCode(email, code));
      else {
        await auth.verifyMfa(code, useRecoveryCode ? 'recovery_code' : 'totp');
        onSuccess?.();
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  }

  const submitLabel = {
    password: t('login.submit', 'Sign in'),
    'request-code': t('login.send_code', 'Email me a code'),
    'enter-code': t('login.submit', 'Sign in'),
    mfa: t('login.verify', 'Verify'),
  }[step];

  return (
    <form
      ref={form}
      className={classes(`ks-${B}`, className)}
      onSubmit={submit}
      aria-busy={submitting}
      noValidate
    >
      <h2 className={`ks-${B}__title`}>
        {step === 'mfa' ? t('login.mfa_title', 'Two-step verification') : t('login.title', 'Sign in')}
      </h2>
      {step !== 'mfa' && (
        <Field
          block={B}
          name="email"
          type="email"
          autoComplete="email"
          required
          label={t('login.email', 'Email')}
          value={email}
          onValueChange={setEmail}
          readOnly={step === 'enter-code'}
        />
      )}
      {step === 'password' && (
        <Field
          block={B}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          label={t('login.password', 'Password')}
          value={password}
          onValueChange={setPassword}
        />
      )}
      {step === 'enter-code' && (
        <>
          <p className={`ks-${B}__hint`} role="status">
            {t('login.code_sent', 'If {email} has an account, we emailed it a sign-in code.', { email })}
          </p>
          <Field
            block={B}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            required
            label={t('login.code', 'Code from the email')}
            value={code}
            onValueChange={setCode}
          />
        </>
      )}
      {step === 'mfa' && (
        <Field
          block={B}
          name="mfa-code"
          inputMode={useRecoveryCode ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          autoFocus
          required
          label={
            useRecoveryCode
              ? t('login.recovery_code', 'Recovery code')
              : t('login.totp_code', 'Code from your authenticator app')
          }
          value={code}
          onValueChange={setCode}
        />
      )}
      <ProblemMessage error={error} className={`ks-${B}__error`} />
      <button className={`ks-${B}__submit`} type="submit" disabled={submitting}>
        {submitting ? t('login.submitting', 'Please wait…') : submitLabel}
      </button>
      {step === 'mfa' && (
        <button
          className={`ks-${B}__link`}
          type="button"
          onClick={() => {
            setUseRecoveryCode(!useRecoveryCode);
            setCode('');
            setError(null);
          }}
        >
          {useRecoveryCode
            ? t('login.use_totp', 'Use your authenticator app instead')
            : t('login.use_recovery', 'Use a recovery code instead')}
        </button>
      )}
      {step === 'password' && showPasswordless && (
        <button className={`ks-${B}__link`} type="button" onClick={() => go('request-code')}>
          {t('login.passwordless', 'Email me a sign-in code instead')}
        </button>
      )}
      {step === 'password' && onForgotPassword && (
        <button className={`ks-${B}__link`} type="button" onClick={onForgotPassword}>
          {t('login.forgot', 'Forgot your password?')}
        </button>
      )}
      {step !== 'password' && (
        <button
          className={`ks-${B}__link`}
          type="button"
          onClick={() => {
            if (step === 'mfa') auth.cancelMfa();
            go('password');
          }}
        >
          {t('login.back', 'Back to sign in with a password')}
        </button>
      )}
    </form>
  );
}
