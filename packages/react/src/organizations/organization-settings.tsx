import { type FormEvent, useEffect, useId, useState } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import { FORM_CSS } from './create-organization.tsx';
import type { OrganizationDetails } from './types.ts';
import { classNames, useAction } from './use-action.ts';
import { useOrganization, useOrganizations } from './use-organizations.ts';

export type OrganizationSettingsProps = {
  /** The organization to edit (default: the active one). */
  orgId?: string;
  onSave?: (organization: OrganizationDetails) => void;
  className?: string;
};

type Draft = {
  name: string;
  slug: string;
  logoUrl: string;
  primaryColor: string;
  font: string;
  requireMfa: boolean;
};

function draftOf(organization: OrganizationDetails): Draft {
  const branding = organization.branding as { primary_color?: string; font?: string };
  return {
    name: organization.name,
    slug: organization.slug,
    logoUrl: organization.logo_url ?? '',
    primaryColor: branding.primary_color ?? '',
    font: branding.font ?? '',
    requireMfa: organization.require_mfa,
  };
}

/** Name, slug, logo, branding and the MFA requirement of an organization (needs org:settings:edit). */
export function OrganizationSettings({ orgId, onSave, className }: OrganizationSettingsProps) {
  const { t } = useKeystone();
  const { organization, isLoading, error } = useOrganization(orgId);
  const { update } = useOrganizations({ enabled: false });
  const { run, pending, error: saveError } = useAction();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);
  const id = useId();
  useStyles('form', FORM_CSS);

  // The form starts from the organization as first loaded; a reload (after any save) never
  // overwrites what the user is typing.
  const loadedId = organization?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a different organization resets the form.
  useEffect(() => {
    if (organization) setDraft(draftOf(organization));
  }, [loadedId]);

  if (!organization || !draft) {
    if (error)
      return (
        <ProblemMessage error={error} className={classNames('ks-organization-settings__error', className)} />
      );
    return isLoading ? (
      <p className="ks-organization-settings__loading">{t('organizationSettings.loading', 'Loading…')}</p>
    ) : null;
  }

  const set = (change: Partial<Draft>) => {
    setSaved(false);
    setDraft({ ...draft, ...change });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!organization || !draft) return;
    const branding = { ...(organization.branding as Record<string, string>) };
    for (const [key, value] of [
      ['primary_color', draft.primaryColor],
      ['font', draft.font],
    ] as const) {
      if (value.trim()) branding[key] = value.trim();
      else delete branding[key];
    }
    const result = await run(() =>
      update(organization.id, {
        name: draft.name.trim(),
        slug: draft.slug.trim(),
        logo_url: draft.logoUrl.trim() || null,
        branding,
        require_mfa: draft.requireMfa,
      }),
    );
    if (result) {
      setDraft(draftOf(result));
      setSaved(true);
      onSave?.(result);
    }
  }

  const field = (
    key: 'name' | 'slug' | 'logoUrl' | 'primaryColor' | 'font',
    label: string,
    type = 'text',
  ) => (
    <label
      className={`ks-organization-settings__field ks-organization-settings__field--${key}`}
      htmlFor={`${id}-${key}`}
    >
      {label}
      <input
        id={`${id}-${key}`}
        type={type}
        value={draft[key]}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    </label>
  );

  return (
    <form className={classNames('ks-form', 'ks-organization-settings', className)} onSubmit={submit}>
      {field('name', t('organizationSettings.name', 'Name'))}
      {field('slug', t('organizationSettings.slug', 'URL slug'))}
      {field('logoUrl', t('organizationSettings.logo', 'Logo URL'), 'url')}
      {field('primaryColor', t('organizationSettings.primaryColor', 'Brand color'))}
      {field('font', t('organizationSettings.font', 'Font'))}
      <label
        className="ks-organization-settings__field ks-organization-settings__field--mfa"
        htmlFor={`${id}-mfa`}
      >
        <span>
          <input
            id={`${id}-mfa`}
            type="checkbox"
            checked={draft.requireMfa}
            onChange={(e) => set({ requireMfa: e.target.checked })}
          />{' '}
          {t('organizationSettings.requireMfa', 'Require two-factor authentication for members')}
        </span>
      </label>
      <ProblemMessage error={saveError} className="ks-organization-settings__error" />
      {saved && (
        <p role="status" className="ks-organization-settings__saved">
          {t('organizationSettings.saved', 'Settings saved.')}
        </p>
      )}
      <button type="submit" className="ks-organization-settings__submit" disabled={pending}>
        {pending
          ? t('organizationSettings.saving', 'Saving…')
          : t('organizationSettings.save', 'Save settings')}
      </button>
    </form>
  );
}
