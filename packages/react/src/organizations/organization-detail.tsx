import { useState } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import { usePermissions } from '../permissions/use-permissions.ts';
import { OrganizationSettings } from './organization-settings.tsx';
import { classNames, useAction } from './use-action.ts';
import { useOrganization, useOrganizations } from './use-organizations.ts';

export type OrganizationDetailProps = {
  /** The organization to show (default: the active one). */
  orgId?: string;
  /** Show the settings form to members who may edit them (default true). */
  showSettings?: boolean;
  onDelete?: (orgId: string) => void;
  className?: string;
};

const CSS = `
.ks-organization-detail{font-family:var(--ks-font,inherit);display:grid;gap:1rem}
.ks-organization-detail__header{display:flex;gap:.75rem;align-items:center}
.ks-organization-detail__logo{width:48px;height:48px;object-fit:contain;border-radius:var(--ks-radius,6px)}
.ks-organization-detail__facts{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0}
.ks-organization-detail__facts dt{color:#6b7280}
`;

/** One organization: its name, slug, your role, the MFA requirement; its settings and deletion for those allowed. */
export function OrganizationDetail({
  orgId,
  showSettings = true,
  onDelete,
  className,
}: OrganizationDetailProps) {
  const { t } = useKeystone();
  const { organization, isLoading, error } = useOrganization(orgId);
  const permissions = usePermissions(organization?.id ?? orgId);
  const { delete: remove } = useOrganizations({ enabled: false });
  const { run, pending, error: deleteError } = useAction();
  const [confirming, setConfirming] = useState(false);
  useStyles('organization-detail', CSS);

  if (!organization) {
    if (error)
      return (
        <ProblemMessage error={error} className={classNames('ks-organization-detail__error', className)} />
      );
    if (isLoading)
      return <p className="ks-organization-detail__loading">{t('organizationDetail.loading', 'Loading…')}</p>;
    return (
      <p className="ks-organization-detail__none">
        {t('organizationDetail.none', 'No organization is selected.')}
      </p>
    );
  }

  async function deleteOrganization(id: string) {
    const done = await run(async () => {
      await remove(id);
      return true;
    });
    if (done) onDelete?.(id);
  }

  return (
    <section
      className={classNames('ks-organization-detail', className)}
      aria-labelledby={`ks-org-${organization.id}`}
    >
      <header className="ks-organization-detail__header">
        {organization.logo_url && (
          <img className="ks-organization-detail__logo" src={organization.logo_url} alt="" />
        )}
        <h2 id={`ks-org-${organization.id}`} className="ks-organization-detail__name">
          {organization.name}
        </h2>
      </header>
      <dl className="ks-organization-detail__facts">
        <dt>{t('organizationDetail.slug', 'Slug')}</dt>
        <dd className="ks-organization-detail__slug">{organization.slug}</dd>
        <dt>{t('organizationDetail.role', 'Your role')}</dt>
        <dd className="ks-organization-detail__role">{organization.role ?? '—'}</dd>
        <dt>{t('organizationDetail.mfa', 'Two-factor authentication')}</dt>
        <dd className="ks-organization-detail__mfa">
          {organization.require_mfa
            ? t('organizationDetail.mfaRequired', 'Required')
            : t('organizationDetail.mfaOptional', 'Optional')}
        </dd>
      </dl>
      {showSettings && permissions.hasPermission('org:settings:edit') && (
        <OrganizationSettings orgId={organization.id} />
      )}
      <ProblemMessage error={deleteError} className="ks-organization-detail__error" />
      {permissions.hasPermission('org:delete') &&
        (confirming ? (
          <div className="ks-organization-detail__confirm">
            <p className="ks-organization-detail__warning">
              {t(
                'organizationDetail.warning',
                'Deleting {name} erases its members, roles, invitations, API keys and audit log. This cannot be undone.',
                { name: organization.name },
              )}
            </p>
            <button
              type="button"
              className="ks-button ks-button--danger ks-organization-detail__confirm-delete"
              disabled={pending}
              onClick={() => deleteOrganization(organization.id)}
            >
              {t('organizationDetail.confirmDelete', 'Delete {name} for good', { name: organization.name })}
            </button>
            <button
              type="button"
              className="ks-button ks-button--secondary ks-organization-detail__keep"
              onClick={() => setConfirming(false)}
            >
              {t('organizationDetail.keep', 'Keep it')}
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="ks-button ks-button--danger ks-organization-detail__delete"
            onClick={() => setConfirming(true)}
          >
            {t('organizationDetail.delete', 'Delete {name}', { name: organization.name })}
          </button>
        ))}
    </section>
  );
}
