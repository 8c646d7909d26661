import { type FormEvent, useEffect, useState } from 'react';
import { Field, useSubmission } from '../auth/form-parts.tsx';
import { useAuth } from '../auth/use-auth.ts';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';

const B = 'user-profile';

/** The profile's name (the address is changed in its own section, with a code). */
export function ProfileName({ onUpdate }: { onUpdate?: (() => void) | undefined }) {
  const { t } = useKeystone();
  const { user, updateProfile } = useAuth();
  const [name, setName] = useState(user?.name ?? '');
  const [saved, setSaved] = useState(false);
  const { submitting: saving, error, submit: run } = useSubmission();
  // The server's name fills the field until the person types: a late load never overwrites their edit.
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (!edited) setName(user?.name ?? '');
  }, [user?.name, edited]);

  const save = (event: FormEvent) => {
    setSaved(false);
    return run(event, async () => {
      await updateProfile({ name: name.trim() || null });
      setEdited(false);
      setSaved(true);
      onUpdate?.();
    });
  };

  return (
    <form className={`ks-${B}__section ks-${B}__profile`} onSubmit={save} aria-busy={saving}>
      <h3 className={`ks-${B}__heading`}>{t('profile.title', 'Profile')}</h3>
      <p className={`ks-${B}__hint`}>
        {t('profile.signed_in_as', 'Signed in as {email}', { email: user?.email ?? '' })}
      </p>
      <Field
        block={B}
        name="name"
        autoComplete="name"
        label={t('profile.name', 'Name')}
        value={name}
        onValueChange={(value) => {
          setEdited(true);
          setName(value);
        }}
      />
      <ProblemMessage error={error} />
      {saved && (
        <p className={`ks-${B}__success`} role="status">
          {t('profile.saved', 'Saved.')}
        </p>
      )}
      <button className={`ks-${B}__submit`} type="submit" disabled={saving}>
        {saving ? t('profile.saving', 'Saving…') : t('profile.save', 'Save')}
      </button>
    </form>
  );
}
