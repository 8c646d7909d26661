import { type FormEvent, useState } from 'react';
import { Field } from '../auth/form-parts.tsx';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';

const B = 'user-profile';

/** A new address: the password, then the code mailed to the new address. Nothing changes until it is confirmed. */
export function EmailChange({ onUpdate }: { onUpdate?: (() => void) | undefined }) {
  const { client, t, reloadSession } = useKeystone();
  const [step, setStep] = useState<'ask' | 'confirm' | 'done'>('ask');
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (step === 'confirm') {
        await client.POST('/v1/me/email/confirm', { body: { code } });
        await reloadSession();
        setStep('done');
        onUpdate?.();
      } else {
        await client.POST('/v1/me/email', { body: { new_email: newEmail, password } });
        setPassword('');
        setStep('confirm');
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={`ks-${B}__section ks-${B}__email`} onSubmit={submit} aria-busy={busy}>
      <h3 className={`ks-${B}__heading`}>{t('email_change.title', 'Email address')}</h3>
      {step === 'done' && (
        <p className={`ks-${B}__success`} role="status">
          {t('email_change.done', 'Your email address is now {email}.', { email: newEmail })}
        </p>
      )}
      {step === 'ask' && (
        <>
          <Field
            block={B}
            name="new-email"
            type="email"
            autoComplete="email"
            required
            label={t('email_change.new_email', 'New email address')}
            value={newEmail}
            onValueChange={setNewEmail}
          />
          <Field
            block={B}
            name="email-password"
            type="password"
            autoComplete="current-password"
            label={t('email_change.password', 'Current password')}
            value={password}
            onValueChange={setPassword}
          />
        </>
      )}
      {step === 'confirm' && (
        <>
          <p className={`ks-${B}__hint`} role="status">
            {t('email_change.code_sent', 'We emailed a code to {email}. Enter it to confirm the change.', {
              email: newEmail,
            })}
          </p>
          <Field
            block={B}
            name="email-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            required
            label={t('email_change.code', 'Code from the email')}
            value={code}
            onValueChange={setCode}
          />
        </>
      )}
      <ProblemMessage error={error} />
      {step !== 'done' && (
        <button className={`ks-${B}__submit`} type="submit" disabled={busy}>
          {step === 'ask' ? t('email_change.submit', 'Change email') : t('email_change.confirm', 'Confirm')}
        </button>
      )}
    </form>
  );
}
