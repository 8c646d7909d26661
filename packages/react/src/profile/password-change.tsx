import { type FormEvent, useState } from 'react';
import { Field, useSubmission } from '../auth/form-parts.tsx';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';

const B = 'user-profile';

/** The current password and a new one; the user's other sessions end, this one stays. */
export function PasswordChange() {
  const { client, t, reloadSession } = useKeystone();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const { submitting: busy, error, submit: run } = useSubmission();
  const submit = (event: FormEvent) => {
    setDone(false);
    return run(event, async () => {
      await client.POST('/v1/me/password', { body: { current_password: current, new_password: next } });
      setCurrent('');
      setNext('');
      setDone(true);
      await reloadSession(); // the other sessions ended: lists of them read again
    });
  };

  return (
    <form className={`ks-${B}__section ks-${B}__password`} onSubmit={submit} aria-busy={busy}>
      <h3 className={`ks-${B}__heading`}>{t('password_change.title', 'Password')}</h3>
      <Field
        block={B}
        name="current-password"
        type="password"
        autoComplete="current-password"
        required
        label={t('password_change.current', 'Current password')}
        value={current}
        onValueChange={setCurrent}
      />
      <Field
        block={B}
        name="new-password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        label={t('password_change.new', 'New password')}
        value={next}
        onValueChange={setNext}
      />
      <ProblemMessage error={error} />
      {done && (
        <p className={`ks-${B}__success`} role="status">
          {t('password_change.done', 'Password changed. Your other sessions were signed out.')}
        </p>
      )}
      <button className={`ks-${B}__submit`} type="submit" disabled={busy}>
        {t('password_change.submit', 'Change password')}
      </button>
    </form>
  );
}
