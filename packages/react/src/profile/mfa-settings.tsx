import type { paths } from '@keystone/sdk';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Field } from '../auth/form-parts.tsx';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { answered } from '../session/session-manager.ts';

const B = 'user-profile';
type Enrollment = paths['/v1/me/mfa/totp']['post']['responses'][201]['content']['application/json'];
type MfaStatus = paths['/v1/me/mfa']['get']['responses'][200]['content']['application/json'];

/**
 * Two-step verification: set up an authenticator app from the server's QR code,
 * confirm with its first code, show the recovery codes once; or turn it off with
 * a current code.
 */
export function MfaSettings() {
  const { client, t, session, reloadSession } = useKeystone();
  const [status, setStatus] = useState<MfaStatus | null>(null);
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setStatus(answered((await client.GET('/v1/me/mfa')).data));
    } catch (caught) {
      setError(caught);
    }
  }, [client]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the revision is the reason to read it again
  useEffect(() => {
    void load();
  }, [load, session.revision]);

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const start = () =>
    act(async () => {
      setEnrollment(answered((await client.POST('/v1/me/mfa/totp', { body: {} })).data));
      setCode('');
    });

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    return act(async () => {
      const { data } = await client.POST('/v1/me/mfa/totp/confirm', { body: { code } });
      setRecoveryCodes(answered(data).recovery_codes);
      setEnrollment(null);
      setCode('');
      await load();
      await reloadSession();
    });
  };

  const turnOff = (event: FormEvent) => {
    event.preventDefault();
    return act(async () => {
      await client.DELETE('/v1/me/mfa/totp', { body: { code } });
      setCode('');
      await load();
      await reloadSession();
    });
  };

  const newRecoveryCodes = () =>
    act(async () => {
      // Without a code the server takes a recent sign-in instead.
      const { data } = await client.POST('/v1/me/mfa/recovery-codes', { body: code ? { code } : {} });
      setRecoveryCodes(answered(data).recovery_codes);
      setCode('');
      await load();
    });

  const codeField = (
    <Field
      block={B}
      name="mfa-code"
      inputMode="numeric"
      autoComplete="one-time-code"
      required
      label={t('mfa.code', 'Code from your authenticator app')}
      value={code}
      onValueChange={setCode}
    />
  );

  return (
    <section className={`ks-${B}__section ks-${B}__mfa`} aria-busy={busy}>
      <h3 className={`ks-${B}__heading`}>{t('mfa.title', 'Two-step verification')}</h3>
      {recoveryCodes && (
        <div className={`ks-${B}__recovery`} role="status">
          <p>
            {t(
              'mfa.recovery_intro',
              'Two-step verification is on. Save these recovery codes now: they are shown only once, and each works once if you lose your phone.',
            )}
          </p>
          <ul className={`ks-${B}__recovery-codes`} aria-label={t('mfa.recovery_codes', 'Recovery codes')}>
            {recoveryCodes.map((recovery) => (
              <li key={recovery}>
                <code>{recovery}</code>
              </li>
            ))}
          </ul>
          <button className={`ks-${B}__submit`} type="button" onClick={() => setRecoveryCodes(null)}>
            {t('mfa.recovery_saved', 'I have saved them')}
          </button>
        </div>
      )}
      {!recoveryCodes && status?.totp.enabled && (
        <form className={`ks-${B}__mfa-form`} onSubmit={turnOff}>
          <p className={`ks-${B}__hint`}>
            {t('mfa.enabled', 'On. {count} recovery codes left.', { count: status.recovery_codes_remaining })}
          </p>
          {codeField}
          <button className={`ks-${B}__submit`} type="button" onClick={newRecoveryCodes} disabled={busy}>
            {t('mfa.new_recovery_codes', 'Get new recovery codes')}
          </button>
          <button className={`ks-${B}__submit`} type="submit" disabled={busy}>
            {t('mfa.disable', 'Turn off two-step verification')}
          </button>
        </form>
      )}
      {status && !status.totp.enabled && !enrollment && (
        <>
          <p className={`ks-${B}__hint`}>
            {t('mfa.disabled', 'Off. Add an authenticator app for a second step at sign-in.')}
          </p>
          <button className={`ks-${B}__submit`} type="button" onClick={start} disabled={busy}>
            {t('mfa.enable', 'Set up an authenticator app')}
          </button>
        </>
      )}
      {enrollment && (
        <form className={`ks-${B}__mfa-form`} onSubmit={confirm}>
          <p className={`ks-${B}__hint`}>
            {t('mfa.scan', 'Scan this QR code with your authenticator app, then enter the code it shows.')}
          </p>
          <img
            className={`ks-${B}__qr`}
            src={enrollment.qr_data_url}
            alt={t('mfa.qr_alt', 'QR code for your authenticator app')}
            width={180}
            height={180}
          />
          <p className={`ks-${B}__hint`}>
            {t('mfa.secret', 'Or type this key:')}{' '}
            <code className={`ks-${B}__secret`}>{enrollment.secret}</code>
          </p>
          {codeField}
          <button className={`ks-${B}__submit`} type="submit" disabled={busy}>
            {t('mfa.confirm', 'Turn on')}
          </button>
        </form>
      )}
      <ProblemMessage error={error} />
    </section>
  );
}
